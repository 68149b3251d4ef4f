import Foundation

// Rewrites every generated file of the repository (see `GeneratedFile`),
// from the package this source file belongs to.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
do {
    for file in try GeneratedFile.all(root: packageRoot) {
        let url = packageRoot.appendingPathComponent(file.path)
        if (try? String(contentsOf: url, encoding: .utf8)) == file.content {
            print("\(file.path): up to date")
        } else {
            try file.content.write(to: url, atomically: true, encoding: .utf8)
            print("\(file.path): written")
        }
    }
} catch {
    FileHandle.standardError.write(Data("ecs-triage-generate: \(error)\n".utf8))
    exit(1)
}
