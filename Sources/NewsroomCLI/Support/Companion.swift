#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore

/// The newsroom's other binaries, which some commands hand over to as git hands `git foo` to
/// `git-foo` (`serve` and `purge` to newsroom-server, `media` to newsroom-media), so that their
/// libraries (SwiftNIO, libcurl, libvips) stay out of this binary and its start-up.
enum Companion {
    /// Replaces this process with `name ARGUMENTS…`, found beside this binary or on PATH; says
    /// how to build it (`scriptVerb`: what scripts/newsroom builds it for) when it is missing.
    static func handOver(to name: String, _ arguments: [String], scriptVerb: String) throws -> Never {
        guard let binary = find(name) else {
            throw NewsroomError(.configuration, """
                \(name) is not installed beside this binary (\(ownFolder() ?? "?")) nor on PATH.
                Build it with `swift build -c release --product \(name)` (scripts/newsroom \(scriptVerb) builds it), \
                and keep it in the same folder as newsroom.
                """)
        }
        var cArguments = ([name] + arguments).map { strdup($0) } + [nil]
        execv(binary, &cArguments)
        throw NewsroomError(.configuration, "could not start \(binary): \(String(cString: strerror(errno)))")
    }

    /// The folder this binary is in (the link /proc/self/exe points to).
    static func ownFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// A binary of the newsroom's, beside this one or on PATH.
    static func find(_ name: String) -> String? {
        var candidates: [String] = []
        if let folder = ownFolder() { candidates.append(folder + "/" + name) }
        if let path = getenv("PATH").map({ String(cString: $0) }) {
            candidates += path.split(separator: ":").filter { !$0.isEmpty }.map { "\($0)/\(name)" }
        }
        return candidates.first { access($0, X_OK) == 0 }
    }
}
