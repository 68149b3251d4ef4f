/// An IPv4 CIDR block, for containment tests between rules, subnets and routes.
public struct CIDR: Sendable, Equatable {
    public let address: UInt32
    public let prefixLength: Int

    /// Parsed byte by byte: account-scale snapshots parse tens of thousands
    /// of rule and subnet blocks, and splitting strings dominated profiles.
    public init?(_ text: String) {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digitsInOctet = 0
        var octets = 0
        var length: Int?
        var lengthDigits = 0
        for byte in text.utf8 {
            if length != nil {
                guard byte >= 0x30, byte <= 0x39, lengthDigits < 2 else { return nil }
                length = length! * 10 + Int(byte - 0x30)
                lengthDigits += 1
                continue
            }
            switch byte {
            case 0x30...0x39:
                guard digitsInOctet < 3 else { return nil }
                octet = octet * 10 + UInt32(byte - 0x30)
                digitsInOctet += 1
            case UInt8(ascii: "."), UInt8(ascii: "/"):
                guard digitsInOctet > 0, octet <= 255, octets < 4 else { return nil }
                value = value << 8 | octet
                octets += 1
                octet = 0
                digitsInOctet = 0
                if byte == UInt8(ascii: "/") {
                    guard octets == 4 else { return nil }
                    length = 0
                } else if octets == 4 {
                    return nil
                }
            default:
                return nil
            }
        }
        if length == nil {
            guard digitsInOctet > 0, octet <= 255, octets == 3 else { return nil }
            value = value << 8 | octet
        } else if lengthDigits == 0 {
            return nil
        }
        let prefix = length ?? 32
        guard prefix <= 32 else { return nil }
        prefixLength = prefix
        address = value & CIDR.mask(prefix)
    }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << (32 - length) }

    /// True when every address of `other` is inside this block.
    public func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && (other.address & CIDR.mask(prefixLength)) == address
    }

    public func overlaps(_ other: CIDR) -> Bool { contains(other) || other.contains(self) }

    public static let everything = CIDR("0.0.0.0/0")!
    private static let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map { CIDR($0)! }

    /// Inside the RFC 1918 private ranges: never an AWS public endpoint's address.
    public var isPrivate: Bool {
        CIDR.privateRanges.contains { $0.contains(self) }
    }
}
