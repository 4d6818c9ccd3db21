import ArgumentParser
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

// Publication and after: now or at a time, back from the schedule, expiry, withdrawal.
extension Newsroom.StoryCommand {
    struct Publish: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish", _superCommandName: "newsroom story",
            abstract: "Publish an approved story now, or at a time with --at.",
            discussion: """
                --skip-review --reason R: a chief publishes a draft or a story in review at once (breaking news). \
                --embargo-until T: not before T, by any path; alone it schedules the story for T, with --at A for A (not earlier than T). \
                --expire-at T: the scheduler takes it off at T (withdrawn, answering 410 to readers); see story expire.
                """
        )
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "Publish at this time instead of now (\(NewsroomTime.formats)).") var at: String?
        @Flag(help: "Publish without review (chief only; needs --reason).") var skipReview = false
        @Option(help: "Why review is skipped.") var reason: String?
        @Option(help: "Not to be published before this time; schedules it for then unless --at says later.") var embargoUntil: String?
        @Option(help: "Take it off at this time (the scheduler withdraws it then).") var expireAt: String?

        func validate() throws {
            if skipReview && embargoUntil != nil { throw ValidationError("--skip-review publishes at once; an embargo holds it back: give one of them") }
            if skipReview && reason == nil { throw ValidationError("--skip-review needs --reason: say why review is skipped") }
            if reason != nil && !skipReview { throw ValidationError("--reason goes with --skip-review") }
            if skipReview && at != nil { throw ValidationError("--skip-review publishes at once; leave out --at") }
        }

        func run(_ context: CommandContext) throws {
            let clock = at != nil || embargoUntil != nil || expireAt != nil ? try context.store().clock() : nil
            let expiry = try expireAt.map { try clock!.time.parse($0, now: clock!.now, field: "expire-at") }
            if skipReview {
                let note = try EditorialText.note(reason ?? "", field: "reason")
                return try performTransition(context, options, .publishSkippingReview, note: note, expireAt: expiry)
            }
            if let (time, now) = clock, at != nil || embargoUntil != nil {
                let embargo = try embargoUntil.map { try time.parse($0, now: now, field: "embargo-until") }
                let when = try at.map { try time.parse($0, now: now, field: "at") } ?? embargo!
                return try performTransition(context, options, .schedule, publishAt: when, embargoUntil: embargo, expireAt: expiry)
            }
            try performTransition(context, options, .publish, expireAt: expiry)
        }
    }

    struct Unschedule: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "unschedule", _superCommandName: "newsroom story", abstract: "Cancel a scheduled publication; the story stays approved.")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) throws {
            try performTransition(context, options, .unschedule)
        }
    }

    struct Expire: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "expire", _superCommandName: "newsroom story",
            abstract: "Set when a published or scheduled story comes off (editors, chiefs); the scheduler takes it off then.",
            discussion: """
                At the time set the scheduler withdraws the story in the name of whoever set it, ends its ticker lines as a \
                withdrawal does, and readers get 410 Gone for it. --never cancels an expiry. A withdrawal before then stays a chief's.
                """
        )
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "When it comes off (\(NewsroomTime.formats)).") var at: String?
        @Flag(help: "It no longer expires.") var never = false

        func validate() throws {
            if (at == nil) == !never { throw ValidationError("give the time it comes off with --at T, or --never to cancel its expiry") }
        }

        func run(_ context: CommandContext) throws {
            let clock = try context.store().clock()
            let expiry = try at.map { try clock.time.parse($0, now: clock.now, field: "at") }
            try performTransition(context, options, .setExpiry, expireAt: expiry)
        }
    }

    struct Withdraw: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", _superCommandName: "newsroom story", abstract: "Withdraw a published story (chief), with a reason.")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "Why it is withdrawn.") var reason: String

        func run(_ context: CommandContext) throws {
            let note = try EditorialText.note(reason, field: "reason")
            try performTransition(context, options, .withdraw, note: note)
        }
    }
}
