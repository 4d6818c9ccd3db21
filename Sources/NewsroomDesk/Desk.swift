import Foundation
import NewsroomCore
import NewsroomStore

/// The desk for one signed-in person: a request in, a page or a redirect out, through the
/// person's own store session (their PostgreSQL login). It decides no rule: what is offered
/// is `Workflow.offered`, what is done is the store's call, and a refusal is the core's or
/// the database's, shown in the person's language.
public struct Desk {
    let store: NewsroomStore
    let viewer: DeskViewer
    var words: Words { viewer.words }

    public init(store: NewsroomStore, viewer: DeskViewer) {
        self.store = store
        self.viewer = viewer
    }

    public func answer(_ request: DeskRequest) -> DeskAnswer {
        do {
            return try route(request)
        } catch let error as DeskInputError {
            return refusalPage(NewsroomError(.invalidInput, error.message), status: 400)
        } catch {
            return refusalPage(NewsroomSession.explain(error))
        }
    }

    private func route(_ request: DeskRequest) throws -> DeskAnswer {
        let form = DeskForm(request.isPost ? request.form : request.query)
        // The path's segments, padded: [kind, id, what, more].
        let p = request.path + Array(repeating: "", count: max(0, 4 - request.path.count))
        let id = p[1]
        switch (request.method, request.path.count, p[0], p[2], p[3]) {
        case ("GET", 0, _, _, _): return try myDesk()
        case ("GET", 1, "stories", _, _): return try storyList(form)
        case ("GET", 1, "search", _, _): return try search(form)
        case ("GET", 2, "stories", _, _) where id == "new": return try newStoryPage(form: form, refusal: nil)
        case ("POST", 1, "stories", _, _): return try createStory(form)
        case ("GET", 2, "stories", _, _): return try storyPage(try Self.storyID(id), refusal: nil)
        case ("POST", 3, "stories", "actions", _): return try act(on: try Self.storyID(id), form)
        case ("POST", 3, "stories", "lease", _): return try takeLease(try Self.storyID(id), form)
        case ("POST", 4, "stories", "lease", "renew"): return try renewLease(try Self.storyID(id))
        case ("POST", 4, "stories", "lease", "release"): return try releaseLease(try Self.storyID(id))
        case ("GET", 3, "stories", "edit", _): return try editPage(try Self.storyID(id), form: form)
        case ("POST", 3, "stories", "edit", _): return try save(try Self.storyID(id), form)
        case ("GET", 3, "stories", "diff", _): return try diffPage(try Self.storyID(id), form)
        case ("POST", 3, "stories", "notes", _): return try addNote(to: try Self.storyID(id), form)
        case ("POST", 3, "notes", "resolve", _): return try setNote(id, resolved: true, form)
        case ("POST", 3, "notes", "reopen", _): return try setNote(id, resolved: false, form)
        case ("GET", 1, "ticker", _, _): return try tickerPage(form: DeskForm([:]), refusal: nil)
        case ("POST", 1, "ticker", _, _): return try scheduleTicker(form)
        case ("POST", 3, "ticker", "extend", _): return try extendTicker(id, form)
        case ("POST", 3, "ticker", "cancel", _): return try cancelTicker(id, form)
        case ("GET", 1, "staff", _, _): return try staffPage(form: DeskForm([:]), refusal: nil)
        case ("POST", 1, "staff", _, _): return try addStaff(form)
        case ("POST", 3, "staff", "role", _): return try changeRole(id, form)
        case ("POST", 3, "staff", "deactivate", _): return try deactivate(id)
        case ("GET", 1, "sections", _, _): return try sectionsPage(form: DeskForm([:]), refusal: nil)
        case ("POST", 1, "sections", _, _): return try addSection(form)
        case ("GET", 1, "settings", _, _): return try settingsPage(refusal: nil)
        case ("POST", 1, "settings", _, _): return try setSetting(form)
        case ("GET", 1, "photos", _, _): return try photosPage(form: DeskForm([:]), refusal: nil)
        case ("POST", 1, "photos", _, _): return try uploadPhoto(form, request.upload)
        case ("GET", 3, "photos", "thumbnail", _): return try thumbnail(id)
        case ("POST", 3, "photos", "edit", _): return try describePhoto(id, form)
        case ("POST", 3, "stories", "lead", _): return try setLead(try Self.storyID(id), form)
        default: return notFound()
        }
    }

    static func storyID(_ text: String) throws -> StoryID { try StoryID.parse(text) }

    func notFound() -> DeskAnswer {
        .page(DeskLayout.page(words(.notFound), words: words, viewer: viewer, main: "<h1>\(DeskLayout.e(words(.notFound)))</h1>"), status: 404)
    }

    /// A refusal on a page of its own (where no better page can hold it).
    func refusalPage(_ error: NewsroomError, status: Int? = nil) -> DeskAnswer {
        let text = words.refusal(error.message)
        return .page(DeskLayout.page(words(.refused), words: words, viewer: viewer, refusal: text, main: ""),
                     status: status ?? DeskAnswer.status(for: error.kind))
    }

    /// Runs a write; on a refusal, `otherwise` draws the page again with it (and what was typed).
    func attempt(_ write: () throws -> DeskAnswer, otherwise: (NewsroomError) throws -> DeskAnswer) throws -> DeskAnswer {
        do {
            return try write()
        } catch let error as DeskInputError {
            return try otherwise(NewsroomError(.invalidInput, error.message))
        } catch {
            let explained = NewsroomSession.explain(error)
            if explained.kind == .unavailable { throw error }
            return try otherwise(explained)
        }
    }
}

/// A form field the desk could not read (a number that is not one, a time, a missing field).
struct DeskInputError: Error {
    let message: String
    init(_ message: String) { self.message = message }

    static let noSuchMove = DeskInputError("action: there is no such move")
    static let noNewEnd = DeskInputError("until: give the line's new end")
    static let noFile = DeskInputError("file: choose a photo file (JPEG, PNG or WebP) to upload")
    static let passwordWithoutLogin = DeskInputError("password: a first password needs a login to create; give the login too")
    /// The fixed ones, for the catalogue's tests (the others name a field: `DeskForm`'s).
    static let fixed = [noSuchMove, noNewEnd, noFile, passwordWithoutLogin]
}

/// A form's fields, read as the desk needs them.
struct DeskForm {
    let fields: [String: String]
    init(_ fields: [String: String]) { self.fields = fields }

    subscript(_ name: String) -> String? {
        guard let value = fields[name] else { return nil }
        return value
    }

    /// A field that must be there (it may be empty: the rules then say what is wrong).
    func required(_ name: String) throws -> String {
        guard let value = fields[name] else { throw DeskInputError("\(name): the form is missing this field; reload the page") }
        return value
    }

    /// A field left empty is no value.
    func optional(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func number(_ name: String) throws -> Int? {
        guard let text = optional(name) else { return nil }
        guard let value = Int(text), value >= 0 else { throw DeskInputError("\(name): \"\(text)\" is not a whole number") }
        return value
    }

    /// A time typed in the newsroom's zone (a browser's `datetime-local` gives 2026-12-07T18:00).
    func time(_ name: String, viewer: DeskViewer, now: Date) throws -> Date? {
        guard var text = optional(name) else { return nil }
        if text.count == 16, text.dropFirst(10).first == "T" { text = text.replacingOccurrences(of: "T", with: " ") }
        return try viewer.time.parse(text, now: now, field: name)
    }
}
