import NewsroomCore

/// What the desk was asked: the method, the path's segments, the query and (for a POST) the
/// form, already decoded and checked as UTF-8 by the server.
public struct DeskRequest: Sendable {
    public var method: String
    public var path: [String]
    public var query: [String: String]
    public var form: [String: String]
    /// A file sent with the form (the photo upload's multipart form).
    public var upload: DeskUpload?

    public init(method: String, path: [String], query: [String: String] = [:], form: [String: String] = [:], upload: DeskUpload? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.form = form
        self.upload = upload
    }

    public var isPost: Bool { method == "POST" }
}

/// A file from a form, its bytes as sent (what they are, the photo rules decide).
public struct DeskUpload: Sendable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// What the desk answers: a page, a redirect after a form, or an empty answer (the lease's
/// renewal from the page's script).
public struct DeskAnswer: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: String
    /// After a POST that worked: where the browser goes next (303).
    public var location: String?
    /// The session is over (signed out, deactivated): the server forgets it and its cookie.
    public var endsSession = false
    /// A file's bytes instead of text (a photo for staff).
    public var bytes: [UInt8]?

    public static func page(_ html: String, status: Int = 200) -> DeskAnswer {
        DeskAnswer(status: status, contentType: "text/html; charset=utf-8", body: html)
    }

    public static func redirect(_ location: String) -> DeskAnswer {
        DeskAnswer(status: 303, contentType: "text/plain; charset=utf-8", body: "", location: location)
    }

    public static func file(_ bytes: [UInt8], type: String) -> DeskAnswer {
        DeskAnswer(status: 200, contentType: type, body: "", bytes: bytes)
    }

    public static func empty(_ status: Int = 204) -> DeskAnswer {
        DeskAnswer(status: status, contentType: "text/plain; charset=utf-8", body: "")
    }

    /// The HTTP status for a refusal of the core (the page says why in words).
    public static func status(for kind: NewsroomError.Kind) -> Int {
        switch kind {
        case .invalidInput: 422
        case .notAllowed: 403
        case .invalidState, .conflict: 409
        case .notFound: 404
        case .configuration, .unavailable: 503
        }
    }
}

/// Who is looking at a page: the person signed in, their session's form token, and how they
/// read (language, the newsroom's time zone).
public struct DeskViewer: Sendable {
    public let member: StaffMember
    public let csrf: String
    public let words: Words
    public let time: NewsroomTime

    public init(member: StaffMember, csrf: String, language: DeskLanguage, time: NewsroomTime) {
        self.member = member
        self.csrf = csrf
        self.words = Words(language)
        self.time = time
    }

    public var actor: Actor { .staff(member) }
}
