#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NewsroomCommandLine
import NewsroomCore
import NewsroomPhotos
import NewsroomStore

func parseMediaID(_ text: String) throws -> MediaID { try MediaID.parse(text) }

extension NewsroomMedia {
    struct Add: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", _superCommandName: "newsroom media",
            abstract: "Add a photo to the library and print its number.",
            discussion: "Reporters, editors and chiefs. The file's own caption, credit and date fill what is not given."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo (JPEG, PNG or WebP; - for standard input).") var file: String
        @OptionGroup var words: PhotoWords
        @Flag(name: .long, help: "Check everything and say what would happen; change nothing.") var dryRun = false
        @Flag(name: .long, help: "Print the photo as JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store(dryRun: dryRun)
            let actor = try context.actor(store)
            try PhotoRules.authorizeAdding(by: actor)
            let text = try words.checked()
            let bytes = try PhotoFile.read(file)
            let given = PhotoIntake.Given(text: PhotoText(alt: text.alt ?? nil, caption: text.caption ?? nil, credit: text.credit ?? nil),
                                          takenOn: text.takenOn ?? nil, focus: words.focus)
            let photo = try PhotoIntake.prepare(bytes, given: given)
            let id = try store.addPhoto(photo, by: actor)
            if json {
                if !dryRun { Output.print(Presenter(time: try store.time()).json.photo(try store.photo(id))) }
            } else {
                print(dryRun ? "would add photo (\(photo.width) × \(photo.height), \(photo.renditions.count) renditions)" : "\(id)")
            }
            let lacking = [photo.text.alt == nil ? "--alt" : nil, photo.text.credit == nil ? "--credit" : nil].compactMap { $0 }
            if !lacking.isEmpty, !dryRun {
                Terminal.note("photo \(id) has no \(lacking.joined(separator: " and no ")) yet: a story with it cannot go out until "
                    + "newsroom media edit \(id) \(lacking.map { "\($0) \"…\"" }.joined(separator: " "))")
            }
        }
    }

    struct Show: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "show", _superCommandName: "newsroom media", abstract: "Show a photo's record.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo's number.", transform: parseMediaID) var id: MediaID
        @Flag(name: .long, help: "Print it as JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            let photo = try store.photo(id)
            let presenter = Presenter(time: try store.time())
            if json { Output.print(presenter.json.photo(photo)) } else { print(Presenter.render(presenter.views.photoCard(photo))) }
        }
    }

    struct List: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom media", abstract: "List photos, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this story's photos.", transform: parseStoryID) var story: StoryID?
        @Option(help: "How many (1–10000).", transform: parseLimit) var limit = 50
        @Option(help: "Those older than this photo (the next page).", transform: parseMediaID) var after: MediaID?
        @Flag(name: .long, help: "Print them as JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            let photos = try store.listPhotos(story: story, limit: limit + 1, after: after)
            let shown = Array(photos.prefix(limit))
            let presenter = Presenter(time: try store.time())
            if json { Output.print(.array(shown.map(presenter.json.photo))) } else { print(Presenter.render(presenter.views.photoTable(shown))) }
            if photos.count > limit, let last = shown.last { Output.noteMore("photos", shown: shown.count, lastID: String(last.id.rawValue)) }
        }
    }

    struct Edit: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", _superCommandName: "newsroom media",
            abstract: "Change a photo's alt text, caption, credit, day or focal point (\"\" clears a text).",
            discussion: "A new focal point makes its crops again around it. A photo in a story that is out keeps its alt text and credit."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo's number.", transform: parseMediaID) var id: MediaID
        @OptionGroup var words: PhotoWords
        @Flag(name: .long, help: "Print the photo afterwards as JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let actor = try context.actor(store)
            let text = try words.checked()
            guard text.alt != nil || text.caption != nil || text.credit != nil || text.takenOn != nil || words.focus != nil else {
                throw ValidationError("nothing to change: give --alt, --caption, --credit, --taken-on or --focus")
            }
            var changes = PhotoChanges(alt: text.alt, caption: text.caption, credit: text.credit, takenOn: text.takenOn)
            if let focus = words.focus {
                try PhotoRules.authorizeAdding(by: actor)
                changes.focus = (focus, try PhotoIntake.crops(of: try store.photoOriginal(id), focus: focus))
            }
            let photo = try store.editPhoto(id, changes, by: actor)
            let presenter = Presenter(time: try store.time())
            if json { Output.print(presenter.json.photo(photo)) } else { print(Presenter.render(presenter.views.photoCard(photo))) }
        }
    }

    struct Delete: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", _superCommandName: "newsroom media",
            abstract: "Delete a photo no story uses, with its original and renditions (chiefs)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo's number.", transform: parseMediaID) var id: MediaID

        func run(_ context: CommandContext) throws {
            let store = context.store()
            try store.deletePhoto(id, by: try context.actor(store))
            print("photo \(id) deleted")
        }
    }

    struct Original: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "original", _superCommandName: "newsroom media",
            abstract: "Write a photo's original file, with all its metadata, for staff (never served to readers)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo's number.", transform: parseMediaID) var id: MediaID
        @Option(name: .shortAndLong, help: "Where to write it (it must not exist).") var output: String

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            try PhotoFile.write(try store.photoOriginal(id), to: output)
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview", _superCommandName: "newsroom media",
            abstract: "Make a file's renditions into a folder, as readers would get them, and store nothing (no database).",
            discussion: "What media add would make, checked by the same rules: to look at the crops of a focal point, or to time the renditions."
        )
        @Argument(help: "The photo (JPEG, PNG or WebP).") var file: String
        @Option(name: .shortAndLong, help: "The folder to write them to (made if missing).") var output: String
        @Option(help: ArgumentHelp("Where its subject is.", valueName: "X,Y"), transform: { try FocalPoint.parse($0) }) var focus: FocalPoint?

        func run() throws {
            try reportingFailures {
                let photo = try PhotoIntake.prepare(try PhotoFile.read(file), given: PhotoIntake.Given(focus: focus))
                mkdir(output, 0o755)
                for rendition in photo.renditions {
                    let name = "\(output)/\(rendition.name).\(ReaderRendition.fileExtension(rendition.format))"
                    unlink(name)
                    try PhotoFile.write(rendition.bytes, to: name)
                    print("\(name)\t\(rendition.width)×\(rendition.height)\t\(rendition.bytes.count)")
                }
            }
        }
    }
}
