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
    let search: String
    let searchLabel: String
    let searchResults: String
    let noResults: String
    let closeSpellings: String

    static let arabic = SiteWords(
        latestNews: "آخر الأخبار", urgent: "عاجل", older: "أقدم", sections: "الأقسام",
        corrections: "تصحيحات", correctedAt: "صُحّح هذا الخبر في", by: "بقلم",
        textSize: "حجم النص", larger: "تكبير النص", smaller: "تصغير النص",
        noStories: "لا أخبار منشورة هنا بعد.",
        withdrawnTitle: "سُحب هذا الخبر", withdrawnText: "سُحب هذا الخبر في",
        notFoundTitle: "الصفحة غير موجودة", notFoundText: "لا توجد صفحة بهذا العنوان.",
        badRequestTitle: "طلب غير صالح", unavailableTitle: "الخدمة غير متاحة مؤقتًا",
        unavailableText: "تعذّر الوصول إلى قاعدة البيانات؛ أعد المحاولة بعد قليل.",
        home: "الرئيسية", frontPage: "الصفحة الرئيسية",
        search: "بحث", searchLabel: "ابحث في الأخبار", searchResults: "نتائج البحث",
        noResults: "لا أخبار منشورة فيها هذه الكلمات.", closeSpellings: "لا خبر فيه هذه الكلمات؛ هذه عناوين قريبة منها في الكتابة:"
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
        home: "Home", frontPage: "Front page",
        search: "Search", searchLabel: "Search the news", searchResults: "Search results",
        noResults: "No published story has these words.", closeSpellings: "No story has these words; these headlines are spelled close to them:"
    )

    static func forLanguage(_ tag: String) -> SiteWords {
        tag == "ar" || tag.hasPrefix("ar-") ? .arabic : .english
    }
}
