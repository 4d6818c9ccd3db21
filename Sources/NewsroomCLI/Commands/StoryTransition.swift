#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

/// Runs one transition (checked against --if-version) and reports it: every `story` subcommand
/// that moves a story goes through here.
func performTransition(
    _ context: CommandContext, _ options: TransitionOptions, _ action: StoryAction,
    note: String? = nil, editor: Handle? = nil, publishAt: Date? = nil, embargoUntil: Date? = nil, expireAt: Date? = nil
) throws {
    let request = TransitionRequest(
        action, ifVersion: options.ifVersion, note: note, editor: editor, publishAt: publishAt, embargoUntil: embargoUntil, expireAt: expireAt
    )
    let store = context.store(dryRun: options.dryRun)
    let outcome = try store.transition(options.id, request, by: try context.actor(store))
    try reportTransition(outcome, options: options, store: store, verb: request.action.rawValue)
}

func reportTransition(_ outcome: TransitionOutcome, options: TransitionOptions, store: NewsroomStore, verb: String) throws {
    let story = outcome.story
    let presenter = Presenter(time: try store.time())
    if options.json && !options.dryRun { return Output.print(presenter.json.story(story)) }
    guard outcome.changed else {
        print("story \(story.id) unchanged: it already says that (version \(story.version))")
        return
    }
    var line = "story \(story.id): \(outcome.from.rawValue) → \(story.status.rawValue), version \(story.version)"
    if story.status == .scheduled, let at = story.publishAt { line += ", to publish at \(presenter.time(at))" }
    if let embargo = story.embargoUntil, story.status != .published {
        line += ", under embargo until \(presenter.time(embargo))"
    }
    if let expiry = story.expireAt, story.status != .withdrawn { line += ", expires \(presenter.time(expiry))" }
    if options.dryRun {
        print("dry run: \(verb) would succeed (\(line)); nothing changed")
    } else {
        print(line)
    }
}
