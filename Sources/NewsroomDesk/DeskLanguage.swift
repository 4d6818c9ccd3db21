import NewsroomCore

/// The languages the desk speaks. Arabic is the default: the first newsroom writes in it.
public enum DeskLanguage: String, Sendable, CaseIterable {
    case ar, en

    public var direction: String { self == .ar ? "rtl" : "ltr" }

    /// The language a cookie or a form names; anything else is Arabic.
    public static func named(_ text: String?) -> DeskLanguage { text == "en" ? .en : .ar }

    /// The other one, for the switch in the header.
    public var other: DeskLanguage { self == .ar ? .en : .ar }

    /// Its own name, in itself.
    public var name: String { self == .ar ? "العربية" : "English" }
}

/// One piece of the desk's own wording in the chosen language.
public struct Words: Sendable {
    public let language: DeskLanguage

    public init(_ language: DeskLanguage) { self.language = language }

    public func callAsFunction(_ label: Label) -> String {
        let texts = label.texts
        return language == .ar ? texts.ar : texts.en
    }

    /// A story status, as staff call it.
    public func status(_ status: StoryStatus) -> String { self(Label.status(status)) }

    /// A move's button.
    public func action(_ action: StoryAction) -> String { self(Label.action(action)) }

    /// A refusal of the core, in this language (RefusalCatalogue).
    public func refusal(_ message: String) -> String {
        language == .en ? message : RefusalCatalogue.arabic(message)
    }
}

