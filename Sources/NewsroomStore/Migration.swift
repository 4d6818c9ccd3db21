#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// One file of `Migrations/`, compiled into the binary by the EmbedMigrations plugin.
public struct Migration: Sendable, Equatable {
    /// The file name without `.sql`, e.g. `0001_foundation`.
    public let name: String
    /// SHA-256 of the file's bytes, hex: a changed file is caught after it was applied.
    public let checksum: String
    private let base64: String

    public init(name: String, checksum: String, base64: String) {
        self.name = name
        self.checksum = checksum
        self.base64 = base64
    }

    /// The file's SQL, exactly as written (decoded only when a migration runs).
    public var sql: String {
        String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }
}
