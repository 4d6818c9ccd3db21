/// The site's own words (not user text), in the site's language: Arabic, or English for
/// any other language setting.
struct SiteWords: Sendable {
    let latestNews: String
    let urgent: String
    let older: String
    let sections: String
    let corrections: String
    let correctedAt: String
    let by: String
    let textSize: String
    let larger: String
    let smaller: String
    let noStories: String
    let withdrawnTitle: String
    let withdrawnText: String
    let notFoundTitle: String
    let notFoundText: String
    let badRequestTitle: String
    let unavailableTitle: String
    let unavailableText: String
    let home: String
    let frontPage: String

    static let arabic = SiteWords(
        latestNews: "آخر الأخبار", urgent: "عاجل", older: "أقدم", sections: "الأقسام",
        corrections: "تصحيحات", correctedAt: "صُحّح هذا الخبر في", by: "بقلم",
        textSize: "حجم النص", larger: "تكبير النص", smaller: "تصغير النص",
        noStories: "لا أخبار منشورة هنا بعد.",
        withdrawnTitle: "سُحب هذا الخبر", withdrawnText: "سُحب هذا الخبر في",
        notFoundTitle: "الصفحة غير موجودة", notFoundText: "لا توجد صفحة بهذا العنوان.",
        badRequestTitle: "طلب غير صالح", unavailableTitle: "الخدمة غير متاحة مؤقتًا",
        unavailableText: "تعذّر الوصول إلى قاعدة البيانات؛ أعد المحاولة بعد قليل.",
        home: "الرئيسية", frontPage: "الصفحة الرئيسية"
    )

    static let english = SiteWords(
        latestNews: "Latest news", urgent: "Urgent", older: "Older", sections: "Sections",
        corrections: "Corrections", correctedAt: "This story was corrected at", by: "By",
        textSize: "Text size", larger: "Larger text", smaller: "Smaller text",
        noStories: "No stories published here yet.",
        withdrawnTitle: "This story was withdrawn", withdrawnText: "This story was withdrawn at",
        notFoundTitle: "Page not found", notFoundText: "There is no page at this address.",
        badRequestTitle: "Bad request", unavailableTitle: "Temporarily unavailable",
        unavailableText: "The database cannot be reached; try again in a moment.",
        home: "Home", frontPage: "Front page"
    )

    static func forLanguage(_ tag: String) -> SiteWords {
        tag == "ar" || tag.hasPrefix("ar-") ? .arabic : .english
    }
}
