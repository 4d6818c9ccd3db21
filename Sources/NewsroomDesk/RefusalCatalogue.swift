/// The core's refusals in Arabic: one entry per kind of refusal, its English as the core
/// words it (`{1}`, `{2}`… stand for what varies) and its Arabic with the same pieces. In the
/// Arabic, `{n*}` translates that piece again (a rule inside a refusal), `{nf}` names a field.
/// `DeskCatalogueTests` makes every refusal the core's rules give, over every role, state and
/// move, and fails when one has no entry here.
public enum RefusalCatalogue {
    public struct Entry: Sendable {
        public let english: String
        public let arabic: String
    }

    /// The Arabic of `message`, or nil when no entry matches it.
    public static func translate(_ message: String) -> String? { translation(message)?.text }

    /// Whether every part of `message` has its Arabic (a rule inside a refusal included): what
    /// the tests require of every refusal the core can give.
    public static func translatesFully(_ message: String) -> Bool { translation(message)?.complete == true }

    /// What the desk shows an Arabic reader: the translation, or (for a refusal the catalogue
    /// lacks, which the tests keep from happening) a general sentence and the English.
    static func arabic(_ message: String) -> String {
        translate(message) ?? "رُفض الطلب: \(message)"
    }

    private static func translation(_ message: String) -> (text: String, complete: Bool)? {
        for (entry, regex) in compiled {
            guard let match = try? regex.wholeMatch(in: message) else { continue }
            let pieces = (1..<match.count).map { match[$0].substring.map(String.init) ?? "" }
            return fill(entry.arabic, pieces: pieces, order: entry.order)
        }
        return nil
    }

    private static func fill(_ template: String, pieces: [String], order: [Int]) -> (text: String, complete: Bool) {
        var result = ""
        var complete = true
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let token = rest[rest.index(after: open)..<close]
            let number = Int(token.prefix(while: \.isNumber)) ?? 0
            let piece = order.firstIndex(of: number).map { pieces[$0] } ?? ""
            switch token.last {
            case "*":
                let inner = translation(piece)
                result += inner?.text ?? piece
                complete = complete && inner?.complete == true
            case "f":
                result += fieldNames[piece] ?? piece
                complete = complete && fieldNames[piece] != nil
            default:
                result += piece
            }
            rest = rest[rest.index(after: close)...]
        }
        return (result + rest, complete)
    }

    // Regex is not Sendable; these are built once, from our own fixed entries, and only read.
    nonisolated(unsafe) private static let compiled: [(entry: (arabic: String, order: [Int]), regex: Regex<AnyRegexOutput>)] = entries.map { entry in
        var pattern = "^"
        var order: [Int] = []
        var rest = Substring(entry.english)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
              let number = Int(rest[rest.index(after: open)..<close]) {
            pattern += escape(rest[..<open]) + "(.*?)"
            order.append(number)
            rest = rest[rest.index(after: close)...]
        }
        pattern += escape(rest) + "$"
        // The entries are ours and fixed: a pattern that does not compile is a bug the tests catch.
        let regex = try! Regex(pattern).dotMatchesNewlines()
        return ((entry.arabic, order), regex)
    }

    private static func escape(_ text: Substring) -> String {
        var out = ""
        for character in text {
            if "\\^$.|?*+()[]{}/".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// The fields the core names in its refusals.
    static let fieldNames: [String: String] = [
        "headline": "العنوان", "dateline": "مكان الخبر", "body": "النص", "note": "الملاحظة", "reason": "السبب",
        "correction": "ملاحظة التصحيح", "editor": "المحرر", "at": "الوقت", "expire-at": "وقت الانتهاء",
        "embargo-until": "وقت رفع الحظر", "text": "نص السطر", "until": "حتى", "name": "الاسم", "section": "القسم",
        "author": "الكاتب", "alt": "النص البديل", "caption": "التعليق", "credit": "المصدر", "line": "سطر الخطة",
        "order": "الأمر", "login": "اسم الدخول", "start": "البداية", "end": "النهاية", "story": "القصة",
        "file": "الملف", "focus": "نقطة التركيز", "from": "من", "handle": "الاسم المختصر", "media id": "رقم الصورة", "media": "رقم الصورة",
        "password": "كلمة المرور", "role": "الدور", "setting": "الإعداد", "status": "الحالة", "story id": "رقم القصة",
        "ticker item id": "رقم سطر الشريط", "day": "اليوم", "slug": "رمز القسم", "key": "الإعداد", "value": "القيمة", "version": "النسخة",
        "after": "بعد", "focus_x": "التركيز أفقياً", "focus_y": "التركيز عمودياً",
        "timezone": "المنطقة الزمنية", "edit.lease": "مدة حجز التحرير", "ticker.duration": "مدة سطر الشريط", "site.name": "اسم الموقع",
        "site.language": "لغة الموقع", "site.direction": "اتجاه الموقع", "site.base_url": "عنوان الموقع", "site.max_age": "مدة الحفظ المؤقت",
        "site.external_links": "الروابط الخارجية", "wire.retention": "مدة حفظ أخبار الوكالات", "guid": "معرّف خبر الوكالة",
        "poll": "مدة الاستطلاع", "settle": "مدة الانتظار", "max-bytes": "أكبر حجم", "folder": "المجلد", "url": "العنوان",
    ]
}
