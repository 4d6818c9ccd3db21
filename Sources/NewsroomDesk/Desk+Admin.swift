import Foundation
import NewsroomCore
import NewsroomStore

// Administration for admins and chiefs: staff (admins change them), sections and settings
// (admins and chiefs). Who may is `AdministrativeChange.roles`; the store and the database
// refuse anyone else, so a forged form gets the same refusal the CLI would.
extension Desk {
    /// The administration pages this person may change.
    static func administers(_ role: Role) -> [AdministrativeChange] {
        AdministrativeChange.allCases.filter { $0.roles.contains(role) }
    }

    private func adminPage(_ change: AdministrativeChange, title: Label, main: String, refusal: String?, status: Int, notice: String? = nil) -> DeskAnswer {
        let e = DeskLayout.e
        let tabs = Self.administers(viewer.member.role).map { other in
            "<li><a href=\"/\(other.rawValue)\"\(other == change ? " aria-current=\"page\"" : "")>\(e(words(Self.label(other))))</a></li>"
        }.joined()
        let nav = tabs.isEmpty ? "" : "<nav class=\"admin\" aria-label=\"\(e(words(.administration)))\"><ul>\(tabs)</ul></nav>"
        return .page(DeskLayout.page(words(title), words: words, viewer: viewer, notice: notice, refusal: refusal,
                                     main: "<h1>\(e(words(title)))</h1>" + nav + main), status: status)
    }

    static func label(_ change: AdministrativeChange) -> Label {
        switch change {
        case .staff: .staff
        case .sections: .sections
        case .settings: .settings
        }
    }

    // MARK: Staff

    func staffPage(form: DeskForm, refusal: String?, status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        let changes = AdministrativeChange.staff.roles.contains(viewer.member.role)
        var main = "<table><caption>\(e(words(.staff)))</caption><thead><tr><th scope=\"col\">\(e(words(.handle)))</th><th scope=\"col\">\(e(words(.name)))</th>"
            + "<th scope=\"col\">\(e(words(.role)))</th><th scope=\"col\">\(e(words(.active)))</th><th scope=\"col\">\(e(words(.login)))</th>"
            + (changes ? "<th scope=\"col\">\(e(words(.actions)))</th>" : "") + "</tr></thead><tbody>"
        for member in try store.listStaff() {
            let h = e(member.handle.rawValue)
            main += "<tr><td><bdi>\(h)</bdi></td><td dir=\"auto\">\(e(member.name))</td><td>\(e(member.role.rawValue))</td>"
                + "<td>\(member.active ? "✓" : "—")</td><td><bdi>\(e(member.login ?? "—"))</bdi></td>"
            if changes {
                main += "<td><form method=\"post\" action=\"/staff/\(h)/role\">\(DeskLayout.csrf(viewer))<label for=\"role-\(h)\">\(e(words(.role)))</label>"
                    + roleSelect("role-\(h)", selected: member.role) + "<button type=\"submit\">\(e(words(.save)))</button></form>"
                if member.active {
                    main += "<form method=\"post\" action=\"/staff/\(h)/deactivate\">\(DeskLayout.csrf(viewer))<button type=\"submit\">\(e(words(.deactivate)))</button></form>"
                }
                main += "</td>"
            }
            main += "</tr>"
        }
        main += "</tbody></table>"
        if changes {
            main += "<section><h2>\(e(words(.addStaff)))</h2><form class=\"editor\" method=\"post\" action=\"/staff\" autocomplete=\"off\">\(DeskLayout.csrf(viewer))"
                + input("s-handle", "handle", .handle, form, extra: " required dir=\"ltr\" autocapitalize=\"none\"")
                + input("s-name", "name", .name, form, extra: " required dir=\"auto\"")
                + "<label for=\"s-role\">\(e(words(.role)))</label>" + roleSelect("s-role", selected: (try? Role.parse(form["role"] ?? "")) ?? .reporter)
                + input("s-login", "login", .login, form, extra: " dir=\"ltr\" autocapitalize=\"none\"")
                + "<label for=\"s-password\">\(e(words(.firstPassword)))</label><input id=\"s-password\" name=\"password\" type=\"password\" autocomplete=\"new-password\">"
                + "<button type=\"submit\">\(e(words(.addStaff)))</button></form></section>"
        } else {
            main += "<p>\(e(words(.adminOnly)))</p>"
        }
        return adminPage(.staff, title: .staff, main: main, refusal: refusal, status: status)
    }

    private func roleSelect(_ id: String, selected: Role) -> String {
        "<select id=\"\(id)\" name=\"role\">" + Role.allCases.map {
            "<option value=\"\($0.rawValue)\"\($0 == selected ? " selected" : "")>\($0.rawValue)</option>"
        }.joined() + "</select>"
    }

    private func input(_ id: String, _ name: String, _ label: Label, _ form: DeskForm, extra: String = "") -> String {
        "<label for=\"\(id)\">\(DeskLayout.e(words(label)))</label><input id=\"\(id)\" name=\"\(name)\"\(extra) value=\"\(DeskLayout.e(form[name] ?? ""))\">"
    }

    func addStaff(_ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let login = form.optional("login")
            let password = form["password"].flatMap { $0.isEmpty ? nil : $0 }
            if password != nil, login == nil { throw DeskInputError.passwordWithoutLogin }
            let member = StaffMember(handle: try Handle.parse(try form.required("handle")), name: try EditorialText.line(try form.required("name"), .staffName),
                                     role: try Role.parse(try form.required("role")), login: login)
            try store.addStaff(member, by: viewer.actor, newLoginPassword: try password.map { try Administration.firstPassword($0) })
            return .redirect("/staff")
        }, otherwise: { error in
            // What was typed comes back, but never the password.
            try staffPage(form: DeskForm(form.fields.filter { $0.key != "password" }), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func changeRole(_ handle: String, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            _ = try store.editStaff(try Handle.parse(handle), name: nil, role: try Role.parse(try form.required("role")), login: nil, by: viewer.actor)
            return .redirect("/staff")
        }, otherwise: { error in
            try staffPage(form: DeskForm([:]), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func deactivate(_ handle: String) throws -> DeskAnswer {
        try attempt({
            _ = try store.deactivateStaff(try Handle.parse(handle), by: viewer.actor)
            return .redirect("/staff")
        }, otherwise: { error in
            try staffPage(form: DeskForm([:]), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    // MARK: Sections

    func sectionsPage(form: DeskForm, refusal: String?, status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        var main = "<table><caption>\(e(words(.sections)))</caption><thead><tr><th scope=\"col\">\(e(words(.slug)))</th><th scope=\"col\">\(e(words(.name)))</th></tr></thead><tbody>"
        for section in try store.listSections() {
            main += "<tr><td><bdi>\(e(section.slug.rawValue))</bdi></td><td dir=\"auto\">\(e(section.name))</td></tr>"
        }
        main += "</tbody></table><section><h2>\(e(words(.addSection)))</h2><form class=\"editor\" method=\"post\" action=\"/sections\">\(DeskLayout.csrf(viewer))"
            + input("sec-slug", "slug", .slug, form, extra: " required dir=\"ltr\" autocapitalize=\"none\"")
            + input("sec-name", "name", .name, form, extra: " required dir=\"auto\"")
            + "<button type=\"submit\">\(e(words(.addSection)))</button></form></section>"
        return adminPage(.sections, title: .sections, main: main, refusal: refusal, status: status)
    }

    func addSection(_ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let section = Section(slug: try SectionSlug.parse(try form.required("slug")), name: try EditorialText.line(try form.required("name"), .sectionName))
            try store.addSection(section, by: viewer.actor)
            return .redirect("/sections")
        }, otherwise: { error in
            try sectionsPage(form: form, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    // MARK: Settings

    func settingsPage(refusal: String?, typed: (key: String, value: String)? = nil, status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        var main = "<table><caption>\(e(words(.settings)))</caption><thead><tr><th scope=\"col\">\(e(words(.name)))</th><th scope=\"col\">\(e(words(.value)))</th><th scope=\"col\">\(e(words(.actions)))</th></tr></thead><tbody>"
        for key in NewsroomSetting.allCases {
            let k = e(key.rawValue), id = "set-" + key.rawValue.replacingOccurrences(of: ".", with: "-")
            let value = typed?.key == key.rawValue ? typed!.value : try store.setting(key)
            main += "<tr><td><label for=\"\(id)\"><bdi>\(k)</bdi></label></td><td><form id=\"form-\(id)\" method=\"post\" action=\"/settings\">\(DeskLayout.csrf(viewer))"
                + "<input type=\"hidden\" name=\"key\" value=\"\(k)\"><input id=\"\(id)\" name=\"value\" dir=\"auto\" value=\"\(e(value))\"></form></td>"
                + "<td><button type=\"submit\" form=\"form-\(id)\">\(e(words(.setSetting)))</button></td></tr>"
        }
        main += "</tbody></table>"
        return adminPage(.settings, title: .settings, main: main, refusal: refusal, status: status)
    }

    func setSetting(_ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            try store.setSetting(try NewsroomSetting.parse(try form.required("key")), to: try form.required("value"), by: viewer.actor)
            return .redirect("/settings")
        }, otherwise: { error in
            try settingsPage(refusal: words.refusal(error.message), typed: (form["key"] ?? "", form["value"] ?? ""), status: DeskAnswer.status(for: error.kind))
        })
    }
}
