#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// The newsroom in PostgreSQL: the only place that knows its SQL. Every write is one
/// transaction (rolled back at the end for a dry run) and every value a parameter. The
/// rules are decided in `NewsroomCore` before a write; the database refuses the same
/// things again for any client that bypasses the tool.
public final class NewsroomStore {
    let session: NewsroomSession
    var connection: PostgresConnection { session.connection }
    /// Check everything, then roll back: nothing a dry run does is kept.
    public let dryRun: Bool
    /// Whether the core's rules are checked before writing. Only the parity test turns
    /// them off, to see that the database alone refuses what the core refuses.
    @_spi(RuleParity) public var checksRules = true
    private var cachedTime: NewsroomTime?
    private var cachedTickerDuration: String?

    public init(session: NewsroomSession, dryRun: Bool = false) {
        self.session = session
        self.dryRun = dryRun
    }

    /// Runs `body` as one transaction, with `actor` recorded for the database's triggers.
    /// A dry run checks the constraints deferred to commit too, then rolls back.
    @discardableResult
    func write<T>(by actor: Actor, rollback: Bool? = nil, _ body: () throws -> T) throws -> T {
        let rollback = rollback ?? dryRun
        return try connection.transaction(rollback: rollback) {
            try connection.query("SELECT set_config('newsroom.actor', $1, true)", [actor.name])
            let value = try body()
            if rollback { try connection.executeScript("SET CONSTRAINTS ALL IMMEDIATE") }
            return value
        }
    }

    /// Runs a rule of the core unless the parity test has turned them off.
    func check(_ rule: () throws -> Void) rethrows {
        if checksRules { try rule() }
    }

    // MARK: Settings

    /// The newsroom's time zone, for reading and showing times (default UTC).
    public func time() throws -> NewsroomTime {
        if let cachedTime { return cachedTime }
        let rows = try connection.query("SELECT value FROM settings WHERE key = 'timezone'")
        let identifier = try rows.first?.decode("value", as: String.self) ?? NewsroomSetting.timezone.defaultValue
        let time = NewsroomTime(zone: try ZoneRules.required(identifier))
        cachedTime = time
        return time
    }

    /// The server's clock and the newsroom's time zone, in one round trip (also caches
    /// the default ticker duration, which the commands that need the clock often want next).
    public func clock() throws -> (time: NewsroomTime, now: Date) {
        let row = try connection.queryOne(
            """
            SELECT now() AS now,
                   (SELECT value FROM settings WHERE key = 'timezone') AS timezone,
                   (SELECT value FROM settings WHERE key = 'ticker.duration') AS ticker_duration
            """
        )
        let identifier = try row.decode("timezone", as: String?.self) ?? NewsroomSetting.timezone.defaultValue
        let time = try cachedTime ?? NewsroomTime(zone: ZoneRules.required(identifier))
        cachedTime = time
        cachedTickerDuration = try row.decode("ticker_duration", as: String?.self)
        return (time, try row.decode("now"))
    }

    public func setting(_ key: NewsroomSetting) throws -> String {
        if key == .tickerDuration, let cachedTickerDuration { return cachedTickerDuration }
        let rows = try connection.query("SELECT value FROM settings WHERE key = $1", [key.rawValue])
        return try rows.first?.decode("value", as: String.self) ?? key.defaultValue
    }

    public func setSetting(_ key: NewsroomSetting, to value: String, by actor: Actor) throws {
        try check { try Administration.authorize(.settings, by: actor, doing: "change settings") }
        let checked = try key.validate(value)
        if key == .timezone { try requireKnownZone(checked) }
        try write(by: actor) {
            try connection.query(
                """
                INSERT INTO settings (key, value) VALUES ($1, $2)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """,
                [key.rawValue, checked]
            )
        }
        cachedTime = nil
        cachedTickerDuration = nil
    }

    /// A time zone both sides know: PostgreSQL (which stores and compares the times) and
    /// this machine's tz database (from which the tool reads and shows them).
    private func requireKnownZone(_ name: String) throws {
        let known = try connection.queryOne(
            "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS known", [name]
        ).decode("known", as: Bool.self)
        guard known else {
            if ZoneRules.named(name) == nil { throw NewsroomSetting.notAZone(name) }
            throw NewsroomError.invalid("timezone", "PostgreSQL does not know \"\(name)\" (this machine does); use a name both know, such as Asia/Baghdad or UTC (see pg_timezone_names)")
        }
        _ = try ZoneRules.required(name)
    }

    /// The database server's clock, which every stored time comes from.
    public func now() throws -> Date {
        try connection.queryOne("SELECT now() AS now").decode("now")
    }

    // MARK: Who is acting

    /// Finds who is acting. `--as` is honoured only for the database owner (or a
    /// superuser) and for an admin's login, so nobody acts as someone else by typing a name.
    public func resolveActor(as requested: Handle?) throws -> Actor {
        // One round trip: who is connected, may they act for others, and both staff records.
        // The connected login's own record comes from newsroom_session_staff() (Migrations/0016),
        // which a deactivated member may still read, so they are told so; the staff table
        // itself only when someone else is named.
        let row = try connection.queryOne(
            """
            SELECT session_user AS login, (SELECT kind = 'owner' FROM newsroom_session()) AS privileged,
                   s.handle, s.name, s.role, s.active, s.login AS staff_login,
                   a.handle AS as_handle, a.name AS as_name, a.role AS as_role, a.active AS as_active, a.login AS as_login
              FROM (SELECT 1) AS one
              LEFT JOIN newsroom_session_staff() s ON true
              LEFT JOIN (SELECT * FROM staff WHERE $1::text IS NOT NULL) a ON a.handle = $1
            """,
            [requested?.rawValue]
        )
        let login: String = try row.decode("login")
        let privileged: Bool = try row.decode("privileged", as: Bool?.self) ?? false
        let own = try row.decode("handle", as: String?.self) == nil ? nil : try StaffMember(row: row, prefix: "", login: "staff_login")
        guard let requested else {
            if let own { return .staff(own) }
            if privileged { return .databaseOwner(role: login) }
            throw NewsroomError(
                .notAllowed,
                "no staff member has the login \(login); ask an admin to run: newsroom staff add HANDLE --name NAME --role ROLE --login \(login)"
            )
        }
        if own?.handle == requested { return .staff(own!) }
        let mayImpersonate = privileged || (own?.role == .admin && own?.active == true)
        guard mayImpersonate else {
            throw NewsroomError(
                .notAllowed,
                "--as \(requested): only the database owner or an admin's login may act as someone else; you are connected as \(login)"
            )
        }
        guard try row.decode("as_handle", as: String?.self) != nil else {
            throw NewsroomError.notFound("staff member", requested.rawValue, hint: "see newsroom staff list")
        }
        return .staff(try StaffMember(row: row, prefix: "as_", login: "as_login"))
    }

    // MARK: Staff

    public func staffMember(_ handle: Handle) throws -> StaffMember {
        let rows = try connection.query("SELECT handle, name, role, active, login FROM staff WHERE handle = $1", [handle.rawValue])
        guard let row = rows.first else {
            throw NewsroomError.notFound("staff member", handle.rawValue, hint: "see newsroom staff list")
        }
        return try StaffMember(row: row)
    }

    public func listStaff() throws -> [StaffMember] {
        try connection.query("SELECT handle, name, role, active, login FROM staff ORDER BY handle").map { try StaffMember(row: $0) }
    }

    /// Adds a staff member; with `newLoginPassword`, creates their login first (the password
    /// hashed here, by libpq, before it goes anywhere).
    public func addStaff(_ member: StaffMember, by actor: Actor, newLoginPassword: String? = nil) throws {
        try check { try Administration.authorizeStaffChanges(by: actor) }
        try write(by: actor) {
            if let login = member.login, let password = newLoginPassword {
                let hash = try connection.encryptPassword(password, user: login)
                do {
                    try connection.query("SELECT newsroom_create_login($1, $2)", [login, hash])
                } catch let error as PostgresError where error.serverError?.sqlState == .insufficientPrivilege {
                    let server = error.serverError!
                    throw NewsroomError(.notAllowed, server.message + (server.hint.map { "\n" + $0 } ?? ""))
                } catch let error as PostgresError where error.serverError?.sqlState == .duplicateObject {
                    throw NewsroomError(.invalidInput, "login: \(error.serverError!.message)")
                }
            } else if let login = member.login {
                let exists = try connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login])
                if exists.isEmpty {
                    throw NewsroomError(.invalidInput, "login: PostgreSQL has no role \"\(login)\"; create it first (CREATE ROLE … LOGIN) or leave --login out")
                }
            }
            do {
                try connection.query(
                    "INSERT INTO staff (handle, name, role, active, login) VALUES ($1, $2, $3, $4, $5)",
                    [member.handle.rawValue, member.name, member.role.rawValue, member.active, member.login]
                )
            } catch let error as PostgresError where error.serverError?.sqlState == .uniqueViolation {
                if error.serverError?.constraint == "staff_login_unique" {
                    throw NewsroomError(.invalidInput, "login: another staff member already connects as \(member.login ?? "")")
                }
                throw NewsroomError(.invalidInput, "handle: \(member.handle) is taken; choose another handle")
            }
        }
    }

    /// Changes a staff member's name, role or login (`login: .some(nil)` takes it away). The
    /// database moves the login between this database's groups (Migrations/0016).
    public func editStaff(_ handle: Handle, name: String?, role: Role?, login: String??, by actor: Actor) throws -> StaffMember {
        try check { try Administration.authorizeStaffChanges(by: actor) }
        return try write(by: actor) {
            if case .some(.some(let newLogin)) = login, try connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [newLogin]).isEmpty {
                throw NewsroomError(.invalidInput, "login: PostgreSQL has no role \"\(newLogin)\"; create it first (CREATE ROLE … LOGIN), or use staff add --create-login for a new member")
            }
            let rows: [PostgresRow]
            do {
                rows = try connection.query(
                    """
                    UPDATE staff SET name = coalesce($2, name), role = coalesce($3, role),
                                     login = CASE WHEN $4 THEN $5 ELSE login END
                     WHERE handle = $1 RETURNING handle, name, role, active, login
                    """,
                    [handle.rawValue, name, role?.rawValue, login != nil, login ?? nil]
                )
            } catch let error as PostgresError where error.serverError?.constraint == "staff_login_unique" {
                throw NewsroomError(.invalidInput, "login: another staff member already connects as \((login ?? nil) ?? "")")
            }
            guard let row = rows.first else {
                throw NewsroomError.notFound("staff member", handle.rawValue, hint: "see newsroom staff list")
            }
            return try StaffMember(row: row)
        }
    }

    public func deactivateStaff(_ handle: Handle, by actor: Actor) throws -> StaffMember {
        try check { try Administration.authorizeStaffChanges(by: actor) }
        return try write(by: actor) {
            let rows = try connection.query(
                "UPDATE staff SET active = false WHERE handle = $1 RETURNING handle, name, role, active, login",
                [handle.rawValue]
            )
            guard let row = rows.first else {
                throw NewsroomError.notFound("staff member", handle.rawValue, hint: "see newsroom staff list")
            }
            return try StaffMember(row: row)
        }
    }

    // MARK: Sections

    public func listSections() throws -> [Section] {
        try connection.query("SELECT slug, name FROM sections ORDER BY slug").map { row in
            Section(slug: SectionSlug(rawValue: try row.decode("slug")), name: try row.decode("name"))
        }
    }

    public func addSection(_ section: Section, by actor: Actor) throws {
        try check { try Administration.authorize(.sections, by: actor, doing: "add sections") }
        try write(by: actor) {
            do {
                try connection.query("INSERT INTO sections (slug, name) VALUES ($1, $2)", [section.slug.rawValue, section.name])
            } catch let error as PostgresError where error.serverError?.sqlState == .uniqueViolation {
                throw NewsroomError(.invalidInput, "section: \(section.slug) exists already; see newsroom section list")
            }
        }
    }

    /// "no section X" unless the section exists.
    public func requireSection(_ slug: SectionSlug) throws {
        if try connection.query("SELECT 1 FROM sections WHERE slug = $1", [slug.rawValue]).isEmpty {
            throw NewsroomError.notFound("section", slug.rawValue, hint: "see newsroom section list, or add it with newsroom section add")
        }
    }
}

extension StaffMember {
    init(row: PostgresRow, prefix: String = "", login: String = "login") throws {
        self.init(
            handle: Handle(rawValue: try row.decode(prefix + "handle")),
            name: try row.decode(prefix + "name"),
            role: try Role.parse(try row.decode(prefix + "role")),
            active: try row.decode(prefix + "active"),
            login: try row.decode(login)
        )
    }
}
