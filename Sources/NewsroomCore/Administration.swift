#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// What only some may change about the newsroom itself.
public enum AdministrativeChange: String, Sendable, CaseIterable {
    /// Adding, changing and deactivating staff.
    case staff
    case sections
    case settings

    /// Who may, besides the database owner setting up.
    public var roles: Set<Role> {
        switch self {
        case .staff: [.admin]
        case .sections, .settings: [.admin, .chief]
        }
    }
}

/// Who may run the newsroom itself.
public enum Administration {
    /// Adding and deactivating staff: an admin, or the database owner setting up.
    public static func authorizeStaffChanges(by actor: Actor) throws(NewsroomError) {
        try require(actor, roles: AdministrativeChange.staff.roles, doing: "change staff")
    }

    /// Sections and settings: an admin or a chief, or the database owner.
    public static func authorize(_ change: AdministrativeChange, by actor: Actor, doing what: String) throws(NewsroomError) {
        try require(actor, roles: change.roles, doing: what)
    }

    private static func require(_ actor: Actor, roles: Set<Role>, doing what: String) throws(NewsroomError) {
        switch actor {
        case .databaseOwner:
            return
        case .scheduler:
            throw NewsroomError(.notAllowed, "the scheduler may not \(what)")
        case .staff(let member):
            guard member.active else {
                throw NewsroomError(.notAllowed, "\(member.handle) is no longer active and can do nothing; ask an admin")
            }
            guard roles.contains(member.role) else {
                let names = roles.map(\.rawValue).sorted().map { ($0.first == "a" ? "an " : "a ") + $0 }.joined(separator: " or ")
                throw NewsroomError(.notAllowed, "\(member.handle) (\(member.role.rawValue)) may not \(what): only \(names) may")
            }
        }
    }
}

extension Administration {
    /// A first password for a new login, as an admin types it for someone (the CLI reads one at
    /// the terminal): not empty, one line, no control characters, and at most 1,000 bytes (the
    /// server hashes it; libpq sends it only hashed).
    public static func firstPassword(_ text: String) throws(NewsroomError) -> String {
        guard !text.isEmpty else { throw .invalid("password", "the first password is empty; type one for the new login") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("password", "the first password has a line break or a control character; type it on one line")
        }
        guard text.utf8.count <= 1_000 else { throw .invalid("password", "the first password is over 1,000 bytes; choose a shorter one") }
        return text
    }
}
