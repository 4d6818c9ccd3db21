import ArgumentParser
import NewsroomCore
import NewsroomCommandLine

extension Newsroom {
    struct StoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "story",
            abstract: "Read stories and move them through review to publication.",
            discussion: """
                draft → in_review → approved → (scheduled →) published → withdrawn; spiked: killed before publication.
                Times: \(NewsroomTime.formats).
                """,
            subcommands: [
                Show.self, List.self, History.self, Diff.self, Notes.self, Note.self, ResolveNote.self, ReopenNote.self, Budget.self, Edit.self,
                Assign.self, Submit.self, Return.self, Approve.self, Publish.self, Unschedule.self,
                Expire.self, Withdraw.self, Erase.self, Spike.self, Restore.self, Export.self, Photo.self,
            ]
        )
    }
}
