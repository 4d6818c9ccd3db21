import Foundation
import NewsroomCore
import NewsroomPhotos
import NewsroomStore

// Photos: upload with alt text, caption, credit and focal point (made into renditions by
// NewsroomPhotos, as `newsroom media add` does), the library with its words to change, and a
// story's lead photo. A body places a photo with the toolbar's mark, ![alt](media:N).
extension Desk {
    func photosPage(form: DeskForm, refusal: String?, status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        var notice: String?
        if let added = try? form.number("added") {
            notice = "\(words(.photoAdded)) \(added): ![…](media:\(added))"
        }
        var main = "<h1>\(e(words(.photos)))</h1>"
        if (try? PhotoRules.authorizeAdding(by: viewer.actor)) != nil {
            main += "<section><h2>\(e(words(.uploadPhoto)))</h2><form class=\"editor\" method=\"post\" action=\"/photos\" enctype=\"multipart/form-data\">\(DeskLayout.csrf(viewer))"
                + "<label for=\"p-file\">\(e(words(.photoFile)))</label><input id=\"p-file\" name=\"file\" type=\"file\" required accept=\"image/jpeg,image/png,image/webp\">"
                + photoWords("p", PhotoText(alt: form["alt"], caption: form["caption"], credit: form["credit"]))
                + focusFields("p", x: form["focus_x"], y: form["focus_y"])
                + "<button type=\"submit\">\(e(words(.uploadPhoto)))</button></form></section>"
        }
        let photos = try store.listPhotos(limit: 30)
        main += "<section><h2>\(e(words(.library)))</h2>"
        if photos.isEmpty { main += "<p>\(e(words(.nothingHere)))</p>" }
        main += "<ul class=\"photos\">"
        for photo in photos where !photo.erased {
            let id = photo.id
            main += "<li id=\"photo-\(id)\"><figure><img src=\"/photos/\(id)/thumbnail\" width=\"160\" alt=\"\(e(photo.text.alt ?? ""))\">"
                + "<figcaption>#\(id) · \(photo.width) × \(photo.height) · <code dir=\"ltr\">![](media:\(id))</code></figcaption></figure>"
                + "<form class=\"editor\" method=\"post\" action=\"/photos/\(id)/edit\">\(DeskLayout.csrf(viewer))"
                + photoWords("m\(id)", photo.text)
                + focusFields("m\(id)", x: String(Int((photo.focus.x * 100).rounded())), y: String(Int((photo.focus.y * 100).rounded())))
                + "<button type=\"submit\">\(e(words(.save)))</button></form></li>"
        }
        main += "</ul></section>"
        return .page(DeskLayout.page(words(.photos), words: words, viewer: viewer, notice: notice, refusal: refusal, main: main), status: status)
    }

    private func photoWords(_ prefix: String, _ text: PhotoText) -> String {
        let e = DeskLayout.e
        return [("alt", Label.altText, LineKind.photoAlt, text.alt), ("caption", .caption, .photoCaption, text.caption), ("credit", .credit, .photoCredit, text.credit)]
            .map { name, label, kind, value in
                "<label for=\"\(prefix)-\(name)\">\(e(words(label)))</label><input id=\"\(prefix)-\(name)\" name=\"\(name)\" dir=\"auto\" "
                    + "data-limit=\"\(kind.limit)\" value=\"\(e(value ?? ""))\">"
            }.joined()
    }

    /// The focal point as percentages across and down (the core keeps it as 0 to 1).
    private func focusFields(_ prefix: String, x: String?, y: String?) -> String {
        let e = DeskLayout.e
        return "<fieldset><legend>\(e(words(.focus)))</legend>"
            + "<label for=\"\(prefix)-fx\">\(e(words(.focusAcross)))</label><input id=\"\(prefix)-fx\" name=\"focus_x\" type=\"number\" min=\"0\" max=\"100\" value=\"\(e(x ?? "50"))\">"
            + "<label for=\"\(prefix)-fy\">\(e(words(.focusDown)))</label><input id=\"\(prefix)-fy\" name=\"focus_y\" type=\"number\" min=\"0\" max=\"100\" value=\"\(e(y ?? "50"))\">"
            + "</fieldset>"
    }

    private func focus(_ form: DeskForm) throws -> FocalPoint? {
        guard let x = try form.number("focus_x"), let y = try form.number("focus_y") else { return nil }
        return try FocalPoint(x: Double(x) / 100, y: Double(y) / 100)
    }

    /// A field given and not empty; an empty one is "not given" (the file's own words fill it).
    private func photoText(_ form: DeskForm) throws -> PhotoText {
        let checked = try PhotoText.checked(alt: form.optional("alt"), caption: form.optional("caption"), credit: form.optional("credit"))
        return PhotoText(alt: checked.alt ?? nil, caption: checked.caption ?? nil, credit: checked.credit ?? nil)
    }

    func uploadPhoto(_ form: DeskForm, _ upload: DeskUpload?) throws -> DeskAnswer {
        try attempt({
            try PhotoRules.authorizeAdding(by: viewer.actor)
            guard let upload, !upload.bytes.isEmpty else { throw DeskInputError.noFile }
            try PhotoRules.checkSize(upload.bytes.count)
            let given = PhotoIntake.Given(text: try photoText(form), focus: try focus(form))
            let id = try store.addPhoto(try PhotoIntake.prepare(upload.bytes, given: given), by: viewer.actor)
            return .redirect("/photos?added=\(id)")
        }, otherwise: { error in
            try photosPage(form: form, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func describePhoto(_ text: String, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let id = try MediaID.parse(text)
            // Here an empty field clears the words, as `media edit --alt ""` does.
            let checked = try PhotoText.checked(alt: form["alt"], caption: form["caption"], credit: form["credit"])
            var changes = PhotoChanges(alt: checked.alt, caption: checked.caption, credit: checked.credit)
            let current = try store.photo(id)
            if let focus = try focus(form), focus != current.focus {
                changes.focus = (focus, try PhotoIntake.crops(of: try store.photoOriginal(id), focus: focus))
            }
            _ = try store.editPhoto(id, changes, by: viewer.actor)
            return .redirect("/photos#photo-\(id)")
        }, otherwise: { error in
            try photosPage(form: DeskForm([:]), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func thumbnail(_ text: String) throws -> DeskAnswer {
        .file(try store.photoThumbnail(try MediaID.parse(text)), type: "image/jpeg")
    }

    /// The lead photo's form on a story's page, beside editing (a change like an edit).
    func leadPhotoForm(_ story: Story, correction: Bool) throws -> String {
        let e = DeskLayout.e
        let lead = try store.listPhotos(story: story.id, limit: 20).first { $0.usedBy.contains(PhotoUse(story: story.id, role: .lead)) }
        var html = "<form class=\"action\" method=\"post\" action=\"/stories/\(story.id)/lead\">\(DeskLayout.csrf(viewer))<fieldset><legend>\(e(words(.leadPhoto)))</legend>"
            + "<label for=\"lead-\(story.id)\">\(e(words(.photoNumber)))</label><input id=\"lead-\(story.id)\" name=\"media\" inputmode=\"numeric\" value=\"\(lead.map { String($0.id.rawValue) } ?? "")\">"
        if correction {
            html += "<label for=\"lead-correction-\(story.id)\">\(e(words(.correctionNote)))</label><input id=\"lead-correction-\(story.id)\" name=\"correction\" dir=\"auto\" required maxlength=\"\(LineKind.note.limit)\">"
        }
        return html + "<button type=\"submit\">\(e(words(.setLead)))</button></fieldset></form>"
    }

    func setLead(_ id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let media = try form.optional("media").map { try MediaID.parse($0) }
            let correction = try form.optional("correction").map { try EditorialText.note($0, field: "correction") }
            _ = try store.setLeadPhoto(id, media, correction: correction, by: viewer.actor)
            return .redirect("/stories/\(id)")
        }, otherwise: { error in
            try storyPage(id, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }
}
