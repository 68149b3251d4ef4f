/// An IPv4 CIDR block, for containment tests between rules, subnets and routes.
public struct CIDR: Sendable, Equatable {
    public let address: UInt32
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let head = parts.first else { return nil }
        let octets = head.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let number = UInt32(octet), number <= 255 else { return nil }
            value = value << 8 | number
        }
        let length = parts.count == 2 ? Int(parts[1]) : 32
        guard let length, (0...32).contains(length) else { return nil }
        prefixLength = length
        address = value & CIDR.mask(length)
    }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << (32 - length) }

    /// True when every address of `other` is inside this block.
    public func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && (other.address & CIDR.mask(prefixLength)) == address
    }

    public func overlaps(_ other: CIDR) -> Bool { contains(other) || other.contains(self) }

    public static let everything = CIDR("0.0.0.0/0")!

    /// Inside the RFC 1918 private ranges: never an AWS public endpoint's address.
    public var isPrivate: Bool {
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].contains { CIDR($0)!.contains(self) }
    }
}
