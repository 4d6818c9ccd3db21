import NewsroomCore

/// Every piece of the desk's own wording, in Arabic and English. The switch is exhaustive,
/// so a label without its two texts does not compile; `DeskCatalogueTests` checks that
/// neither is empty and that the Arabic one is Arabic.
public enum Label: String, Sendable, CaseIterable {
    case desk, signIn, signInTitle, login, password, signOut, signInFailed, signedOut, sessionEnded, deactivated, tooManySessions
    case slowDown, myDesk, stories, ticker, search, searchLabel, newStory, myDrafts, assignedToMe, returnedToMe, mentionsMe
    case budgetToday, nothingHere, headline, dateline, section, body, author, editor, status, version, updated, anyValue
    case filter, next, save, preview, saved, edit, takeOver, leaseHeldBy, since, until, leaseYours, leaseLost, conflict
    case yourTextKept, changedMeanwhile, correctionNote, note, reason, at, expireAt, embargoUntil, assignTo, history
    case notes, addNote, reply, resolve, reopen, resolved, diff, from, to, compare, characters, limit, refused
    case notFound, badRequest, forbiddenOrigin, staleForm, tooLarge, tickerLive, tickerUpcoming, tickerText, urgent
    case startsAt, endsAt, linkStory, schedule, extend, cancel, strip, language, skipToContent, toolbar, subheading
    case bold, link, quotation, list, photo, unsaved, restoreDraft, serverBusy, databaseDown, whoAmI, draftCreated
    case actions, noActions, create, backToStory, published, staff, sections, settings, role, name, active, addStaff
    case deactivate, firstPassword, handle, addSection, slug, value, setSetting, adminOnly, administration, day
    case photos, uploadPhoto, photoFile, altText, caption, credit, focus, focusAcross, focusDown, library, photoAdded
    case leadPhoto, photoNumber, setLead
    case statusDraft, statusInReview, statusApproved, statusScheduled, statusPublished, statusWithdrawn, statusSpiked
    case actionEdit, actionCorrect, actionAssign, actionSubmit, actionReturn, actionApprove, actionPublish, actionSchedule
    case actionUnschedule, actionSkipReview, actionWithdraw, actionExpiry, actionSpike, actionRestore, actionOther

    static func status(_ status: StoryStatus) -> Label {
        switch status {
        case .draft: .statusDraft
        case .inReview: .statusInReview
        case .approved: .statusApproved
        case .scheduled: .statusScheduled
        case .published: .statusPublished
        case .withdrawn: .statusWithdrawn
        case .spiked: .statusSpiked
        }
    }

    static func action(_ action: StoryAction) -> Label {
        switch action {
        case .edit: .actionEdit
        case .correct: .actionCorrect
        case .assign: .actionAssign
        case .submit: .actionSubmit
        case .return: .actionReturn
        case .approve: .actionApprove
        case .publish: .actionPublish
        case .schedule: .actionSchedule
        case .unschedule: .actionUnschedule
        case .publishSkippingReview: .actionSkipReview
        case .withdraw: .actionWithdraw
        case .setExpiry: .actionExpiry
        case .spike: .actionSpike
        case .restore: .actionRestore
        case .create, .publishScheduled, .expire, .erase: .actionOther
        }
    }
}
