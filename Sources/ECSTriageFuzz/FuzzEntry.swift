// libFuzzer entry point: every input goes through the loader, the analyzer
// and all three reporters. Built only by scripts/fuzz, with
// -sanitize=fuzzer, -parse-as-library and -DFUZZING; SwiftPM's entry symbol
// then hands over to libFuzzer's driver.
import ECSTriage

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let snapshot = try? SnapshotLoader.load([InputFile(name: "fuzz.json", bytes: bytes)]) else { return 0 }
    let report = Analyzer.analyze(snapshot)
    _ = JSONReporter.renderBytes(report)
    _ = TextReporter.render(report)
    _ = MarkdownReporter.render(report)
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ECSTriageFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#else
/// A plain `swift build` compiles this target too; only scripts/fuzz makes it a fuzzer.
@main
struct FuzzTargetPlaceholder {
    static func main() {
        print("ECSTriageFuzz is a libFuzzer target: build and run it with scripts/fuzz")
    }
}
#endif
