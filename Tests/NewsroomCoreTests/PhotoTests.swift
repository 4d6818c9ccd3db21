@testable import NewsroomCore
import Testing

@Suite("Photos: the rendition plan, the limits, the rule for going out, photo blocks in bodies")
struct PhotoTests {
    @Test("widths: every one up to the photo's own, never enlarged; a narrow photo is served at its width", arguments: [
        (4000, 3000), (2048, 1365), (1500, 2000), (640, 480), (200, 300), (1, 1), (5000, 10),
    ])
    func widths(size: (Int, Int)) {
        let (width, height) = size
        let working = min(width, RenditionPlan.workingWidth)
        let workingHeight = max(1, height * working / width)
        let plan = RenditionPlan.plan(width: working, height: workingHeight, focus: .centre)
        let served = plan.filter { $0.kind == .width }.map(\.width)
        let expected = RenditionPlan.widths.filter { $0 <= working }
        #expect(served == (expected.isEmpty ? [working] : expected))
        for planned in plan {
            #expect(planned.width <= planned.areaWidth && planned.height <= planned.areaHeight, "\(planned.name) is never enlarged")
            #expect(planned.left >= 0 && planned.top >= 0 && planned.left + planned.areaWidth <= working && planned.top + planned.areaHeight <= workingHeight,
                    "\(planned.name) lies inside the photo")
        }
    }

    @Test("crops: 16:9, 4:3 and 1:1 and the 1200 × 630 card, as large as fit, around the focal point as far as the edges allow")
    func crops() throws {
        let focus = try FocalPoint(x: 0.9, y: 0.2)
        let plan = RenditionPlan.plan(width: 2048, height: 1536, focus: focus)
        let byName = Dictionary(uniqueKeysWithValues: plan.map { ($0.name, $0) })
        for (name, across, down) in [("16x9", 16, 9), ("4x3", 4, 3), ("1x1", 1, 1), ("social", 1200, 630)] {
            let crop = try #require(byName[name])
            #expect(abs(crop.areaWidth * down - crop.areaHeight * across) <= across + down, "\(name): \(crop)")
            #expect(abs(crop.width * down - crop.height * across) <= across + down, "\(name) output keeps the aspect: \(crop)")
            #expect(crop.width <= 1200)
            // The focal point is inside the crop.
            #expect(Double(crop.left) <= 0.9 * 2048 && 0.9 * 2048 <= Double(crop.left + crop.areaWidth), "\(name)")
            #expect(Double(crop.top) <= 0.2 * 1536 && 0.2 * 1536 <= Double(crop.top + crop.areaHeight), "\(name)")
        }
        #expect(byName["social"]?.width == 1200 && byName["social"]?.height == 630)
        #expect(byName["4x3"]?.areaWidth == 2048 && byName["4x3"]?.left == 0, "the whole photo when it is 4:3 already")
        // At the right edge: the square crop is pushed in, never out.
        #expect(byName["1x1"]?.left == 2048 - 1536)
    }

    @Test("a focal point is two fractions from 0 to 1; anything else is refused with how to write it")
    func focalPoint() throws {
        #expect(try FocalPoint.parse("0.3,0.7") == FocalPoint(x: 0.3, y: 0.7))
        #expect(try FocalPoint.parse(" 1 , 0 ") == FocalPoint(x: 1, y: 0))
        for bad in ["", "0.5", "1.5,0.5", "-0.1,0.5", "a,b", "0.5,0.5,0.5", "nan,0.5", "inf,0"] {
            #expect(throws: NewsroomError.self, "\(bad)") { try FocalPoint.parse(bad) }
        }
    }

    @Test("a file is refused before decoding: too large, not a photo, too many pixels declared, animated")
    func uploadLimits() throws {
        try PhotoRules.checkUpload(byteCount: 1000, format: "jpeg", what: "", width: 8000, height: 10000, frames: 1)
        let refusals: [(Int, String?, Int, Int, Int, String)] = [
            (PhotoRules.byteLimit + 1, "jpeg", 10, 10, 1, "the limit is 50 MB"),
            (100, nil, 10, 10, 1, "not a photo"),
            (100, "png", 50_000, 50_000, 1, "over the limit of 80 megapixels"),
            (100, "jpeg", 8001, 10_000, 1, "80 megapixels"),
            (100, "webp", 10, 10, 3, "animated (3 frames)"),
            (100, "png", 0, 10, 1, "declares no pixels"),
        ]
        for (bytes, format, width, height, frames, message) in refusals {
            let error = #expect(throws: NewsroomError.self) {
                try PhotoRules.checkUpload(byteCount: bytes, format: format, what: "a GIF", width: width, height: height, frames: frames)
            }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        }
    }

    @Test("a story goes out only when each photo has alt text and a credit; the refusal names each and what to run")
    func readiness() throws {
        let ready = PhotoText(alt: "صورة", caption: nil, credit: "رويترز")
        try PhotoRules.checkReadyToPublish(StoryID(rawValue: 4), photos: [(MediaID(rawValue: 1), ready)])
        try PhotoRules.checkReadyToPublish(StoryID(rawValue: 4), photos: [])
        let error = #expect(throws: NewsroomError.self) {
            try PhotoRules.checkReadyToPublish(StoryID(rawValue: 4), photos: [
                (MediaID(rawValue: 9), PhotoText(alt: nil, credit: nil)), (MediaID(rawValue: 1), ready), (MediaID(rawValue: 3), PhotoText(alt: "x")),
            ])
        }
        #expect(error?.message == "story 4 cannot go out yet: photo 3 has no credit; photo 9 has no alt text or credit; "
            + "add them with newsroom media edit 3 --alt \"…\" --credit \"…\"")
        #expect(error?.kind == .invalidState)
    }

    @Test("a day taken is a real calendar day, in either kind of digits")
    func days() {
        #expect(PhotoRules.day("2026-12-07") == "2026-12-07")
        #expect(PhotoRules.day("٢٠٢٦-١٢-٠٧") == "2026-12-07")
        #expect(PhotoRules.day("2026-12-01T10:11:12") == "2026-12-01")
        for bad in ["2026-02-30", "2026-13-01", "2026-1-1", "yesterday", "", "1700-01-01"] { #expect(PhotoRules.day(bad) == nil, "\(bad)") }
    }

    @Test("a photo of the library on a line of its own is a block; anywhere else, or from elsewhere, it is refused with what to write")
    func photoBlocks() throws {
        let body = try ArticleBody.validated("فقرة\n\n![شارع الرشيد](media:12)\n![](media:3)\nفقرة أخرى")
        #expect(body.blocks == [
            .paragraph([.text("فقرة")]), .photo(ArticlePhoto(id: MediaID(rawValue: 12), alt: "شارع الرشيد")),
            .photo(ArticlePhoto(id: MediaID(rawValue: 3), alt: nil)), .paragraph([.text("فقرة أخرى")]),
        ])
        #expect(body.photos.map(\.id.rawValue) == [12, 3])
        #expect(body.visibleText == "فقرة\n\nفقرة أخرى", "a photo's words are its record's, not the body's text")
        #expect(try ArticleBody.validated("![](media:5)").photos.count == 1, "a body of one photo shows something")
        let refusals: [(String, BodyRefusal.Kind)] = [
            ("قال ![صورة](media:1) اليوم", .photoNotAlone), ("![صورة](https://example.org/a.jpg)", .image),
            ("![صورة](media:0)", .image), ("![صورة](media:x)", .image), ("> ![صورة](media:1)", .blockInQuotation),
            ("- ![صورة](media:1)", .blockInList), ("*![صورة](media:1)*", .photoNotAlone),
        ]
        for (source, kind) in refusals {
            let error = #expect(throws: BodyRefusal.self, "\(source)") { try ArticleBody.validated(source) }
            #expect(error?.kind == kind, "\(source): \(String(describing: error))")
        }
        // Read leniently (a stored body), a photo elsewhere is its text or nothing, never an image.
        #expect(ArticleBody.reading("قال ![صورة](media:1) اليوم").photos.isEmpty)
    }

    @Test("a rendition's address: a 64-digit hash, its name and format; nothing else is one")
    func paths() {
        let hash = String(repeating: "ab", count: 32)
        let parsed = ReaderRendition.parsePath(Substring("\(hash)-w640.webp"))
        #expect(parsed?.hash == hash && parsed?.name == "w640" && parsed?.format == "webp")
        #expect(ReaderRendition.parsePath(Substring("\(hash)-16x9.jpg"))?.format == "jpeg")
        for bad in ["\(hash)-w640.png", "\(hash.uppercased())-w640.jpg", "abc-w640.jpg", "\(hash).jpg", "\(hash)-.jpg", "\(hash)-w6 40.jpg"] {
            #expect(ReaderRendition.parsePath(Substring(bad)) == nil, "\(bad)")
        }
        let rendition = ReaderRendition(name: "w640", format: "jpeg", width: 640, height: 427, hash: hash)
        #expect(ReaderRendition.parsePath(Substring(rendition.path.dropFirst("/media/".count)))?.hash == hash)
    }
}
