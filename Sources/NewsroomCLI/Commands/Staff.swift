import ArgumentParser
import NewsroomCore
import NewsroomViews
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    struct StaffCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staff",
            abstract: "The people of the newsroom: reporters, editors, chiefs and admins.",
            subcommands: [Add.self, List.self, Edit.self, Deactivate.self]
        )

        struct Add: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", _superCommandName: "newsroom staff",
                abstract: "Add a staff member (admins, or the database owner setting up).",
                discussion: "HANDLE: \(Handle.rule)."
            )
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Their handle, e.g. layla.") var handle: String
            @Option(help: "Their name as shown (Arabic is fine).") var name: String
            @Option(help: "reporter, editor, chief or admin.") var role: String
            @Option(help: "The PostgreSQL role they connect as (it joins this database's group for their role).") var login: String?
            @Flag(name: .customLong("create-login"), help: "Create that login too, with a password typed at the terminal (twice, not shown).")
            var createLogin = false
            @Flag(name: .customLong("password-stdin"), help: "With --create-login: read the password from standard input instead.")
            var passwordStdin = false
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func validate() throws {
                if createLogin, login == nil { throw ValidationError("--create-login needs --login ROLE: the login to create") }
                if passwordStdin, !createLogin { throw ValidationError("--password-stdin goes with --create-login") }
            }

            func run(_ context: CommandContext) throws {
                let member = StaffMember(
                    handle: try Handle.parse(handle),
                    name: try EditorialText.line(name, .staffName),
                    role: try Role.parse(role),
                    login: login
                )
                let password = try createLogin ? Terminal.readPassword(for: login ?? "", fromStandardInput: passwordStdin) : nil
                let store = context.store(dryRun: dryRun)
                try store.addStaff(member, by: try context.actor(store), newLoginPassword: password)
                print(dryRun ? "dry run: would add \(member.handle) (\(member.role.rawValue)); nothing changed" : "added \(member.handle) (\(member.role.rawValue))")
            }
        }

        struct List: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom staff", abstract: "List the staff.")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let staff = try store.listStaff()
                if json { return Output.print(.array(staff.map(NewsroomJSON.staff))) }
                print(Presenter.render(NewsroomViewModels.staffTable(staff)))
            }
        }

        struct Edit: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit", _superCommandName: "newsroom staff",
                abstract: "Change a staff member's name, role or login (admins, or the database owner).",
                discussion: "Their login moves to this database's group for the new role at once; --no-login takes it out of every group."
            )
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Their handle.") var handle: String
            @Option(help: "Their name as shown.") var name: String?
            @Option(help: "reporter, editor, chief or admin.") var role: String?
            @Option(help: "The PostgreSQL role they connect as from now on.") var login: String?
            @Flag(name: .customLong("no-login"), help: "They no longer connect as any login.") var noLogin = false
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func validate() throws {
                if noLogin, login != nil { throw ValidationError("--login and --no-login: choose one") }
                if name == nil, role == nil, login == nil, !noLogin { throw ValidationError("nothing to change: give --name, --role, --login or --no-login") }
            }

            func run(_ context: CommandContext) throws {
                let newLogin: String?? = noLogin ? .some(nil) : login.map { .some($0) }
                let store = context.store(dryRun: dryRun)
                let member = try store.editStaff(
                    try Handle.parse(handle), name: try name.map { try EditorialText.line($0, .staffName) }, role: try role.map(Role.parse),
                    login: newLogin, by: try context.actor(store)
                )
                print(dryRun ? "dry run: would change \(member.handle) to \(member.role.rawValue); nothing changed" : "changed \(member.handle) (\(member.role.rawValue))")
            }
        }

        struct Deactivate: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "deactivate", _superCommandName: "newsroom staff", abstract: "Deactivate a staff member: they can do nothing more. Their history stays.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Their handle.") var handle: String
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func run(_ context: CommandContext) throws {
                let store = context.store(dryRun: dryRun)
                let member = try store.deactivateStaff(try Handle.parse(handle), by: try context.actor(store))
                print(dryRun ? "dry run: would deactivate \(member.handle); nothing changed" : "deactivated \(member.handle)")
            }
        }
    }

    struct SectionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "section",
            abstract: "The sections of the paper.",
            subcommands: [Add.self, List.self]
        )

        struct Add: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", _superCommandName: "newsroom section",
                abstract: "Add a section (admins and chiefs, or the database owner).",
                discussion: "SLUG: \(SectionSlug.rule)."
            )
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Its slug, e.g. politics.") var slug: String
            @Option(help: "Its name as shown, e.g. سياسة.") var name: String
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func run(_ context: CommandContext) throws {
                let section = Section(
                    slug: try SectionSlug.parse(slug),
                    name: try EditorialText.line(name, .sectionName)
                )
                let store = context.store(dryRun: dryRun)
                try store.addSection(section, by: try context.actor(store))
                print(dryRun ? "dry run: would add section \(section.slug); nothing changed" : "added section \(section.slug)")
            }
        }

        struct List: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom section", abstract: "List the sections.")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let sections = try store.listSections()
                if json { return Output.print(.array(sections.map(NewsroomJSON.section))) }
                print(Presenter.render(NewsroomViewModels.sectionTable(sections)))
            }
        }
    }
}
