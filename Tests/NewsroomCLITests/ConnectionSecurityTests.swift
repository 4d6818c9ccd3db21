import Foundation
import Testing
import TestSupport

/// Connecting as libpq does it: a cluster that takes only TLS on a loopback TCP port, with a
/// certificate from a throwaway CA, and SCRAM passwords (scripts/lib/tls_cluster).
@Suite("connecting over TLS with a password")
struct ConnectionSecurityTests {
    static let password = "s3cret pass"
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/lib/tls_cluster").path
    }

    @Test("verify-full with the right CA connects; a wrong CA, a wrong host name and a wrong password are one clear line and exit 69; PGPASSFILE and ~/.pgpass work")
    func tls() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-tls-\(UUID().uuidString)")
        let environment = ProcessInfo.processInfo.environment
        let started = try Spawn.run(Self.script, ["start", folder.path, Self.password], environment: environment)
        defer { _ = try? Spawn.run(Self.script, ["stop", folder.path], environment: environment) }
        try #require(started.status == 0, "\(started.output)")
        let port = try #require(started.output.split(separator: "\n").last.flatMap { Int($0) })
        let ca = folder.appendingPathComponent("ca.crt").path
        func database(host: String = "localhost", ca: String = ca, extra: String = "") -> String {
            "host=\(host) \(extra) port=\(port) user=newsroom dbname=newsroom sslmode=verify-full sslrootcert=\(ca)"
        }
        let withPassword = ["PGPASSWORD": Self.password]

        let migrated = try NewsroomBinary.run(["migrate"], database: database(), environment: withPassword)
        #expect(migrated.status == 0, "\(migrated)")
        let listed = try NewsroomBinary.run(["story", "list"], database: database(), environment: withPassword)
        #expect(listed.status == 0, "\(listed)")

        let refusals: [(String, String, [String: String], String)] = [
            ("a CA that did not sign the server's certificate", database(ca: folder.appendingPathComponent("other-ca.crt").path), withPassword,
             "certificate verify failed"),
            ("a host name the certificate does not name", database(host: "wrong.example", extra: "hostaddr=127.0.0.1"), withPassword,
             "does not match host name \"wrong.example\""),
            ("a wrong password", database(), ["PGPASSWORD": "not the s3cret"], "password authentication failed for user \"newsroom\""),
            ("no password", database(), ["PGPASSFILE": "/nonexistent"], "refused the login"),
        ]
        for (what, conninfo, extra, message) in refusals {
            let run = try NewsroomBinary.run(["story", "list"], database: conninfo, environment: extra)
            #expect(run.status == 69, "\(what): \(run)")
            #expect(run.stderr.contains(message), "\(what): \(run.stderr)")
            #expect(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(what): one line: \(run.stderr)")
            #expect(!run.stderr.contains("s3cret"), "\(what): a password in the message")
            #expect(!run.stderr.contains("Is the server running"), "\(what)")
        }

        // The password from a password file, named by PGPASSFILE or found as ~/.pgpass.
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let passfile = home.appendingPathComponent(".pgpass")
        try "localhost:\(port):newsroom:newsroom:\(Self.password)\n".write(to: passfile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
        let byFile = try NewsroomBinary.run(["story", "list"], database: database(), environment: ["PGPASSFILE": passfile.path])
        #expect(byFile.status == 0, "PGPASSFILE: \(byFile)")
        let byHome = try NewsroomBinary.run(["story", "list"], database: database(), environment: ["HOME": home.path])
        #expect(byHome.status == 0, "~/.pgpass: \(byHome)")
    }
}
