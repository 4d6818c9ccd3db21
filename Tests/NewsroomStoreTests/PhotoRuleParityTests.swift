import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

/// A story goes out only when each of its photos has alt text and a credit: the core
/// (PhotoRules) and the database (0031's constraint triggers) refuse the same moves.
extension RuleParityTests {
    @Test("going out with a photo without alt text or a credit: publish, schedule, without review, a lead photo, a photo's words cleared")
    func photosGoingOut() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let omar = newsroom.actor("omar"), huda = newsroom.actor("huda"), layla = newsroom.actor("layla")
            let bare = try newsroom.store.addPhoto(Self.tinyPhoto, by: layla)
            var described = Self.tinyPhoto
            described.text = PhotoText(alt: "شارع الرشيد", caption: nil, credit: "رويترز")
            let ready = try newsroom.store.addPhoto(described, by: layla)

            // An approved story, and one in review, whose bodies show the photo without words.
            let held = try newsroom.story(.approved, author: "layla", editor: "omar")
            let reviewed = try newsroom.story(.inReview, author: "layla", editor: "omar")
            try fixture.database.connect().executeScript("""
                INSERT INTO story_photos (story_id, media_id, role) VALUES (\(held.rawValue), \(bare.rawValue), 'body'), (\(reviewed.rawValue), \(bare.rawValue), 'body');
                """)
            let later = try newsroom.store.now().addingTimeInterval(3_600)
            let refusedMoves: [(String, StoryID, TransitionRequest, Actor)] = [
                ("publish", held, TransitionRequest(.publish), omar), ("schedule", held, TransitionRequest(.schedule, publishAt: later), omar),
                ("publish without review", reviewed, TransitionRequest(.publishSkippingReview, note: "عاجل"), huda),
            ]
            for (what, story, request, actor) in refusedMoves {
                let core = Self.core { _ = try newsroom.store.transition(story, request, by: actor) }
                let database = try Self.database { _ = try newsroom.bypass.transition(story, request, by: actor) }
                #expect(!core.isAllowed && "\(core)".contains("photo \(bare) has no alt text or credit"), "\(what): the core says \(core)")
                #expect(!database.isAllowed && "\(database)".contains("photo \(bare) has no alt text or credit"), "\(what): the database says \(database)")
            }

            // Words given, both allow it; published, the photo keeps its words on both sides.
            _ = try newsroom.store.editPhoto(bare, PhotoChanges(alt: .some("سوق"), credit: .some("واع")), by: layla)
            #expect(try Self.database { _ = try newsroom.bypass.transition(held, TransitionRequest(.publish), by: omar) }.isAllowed)
            _ = try newsroom.store.transition(held, TransitionRequest(.publish), by: omar)
            for change in [PhotoChanges(alt: .some(nil)), PhotoChanges(credit: .some(nil))] {
                let core = Self.core { _ = try newsroom.store.editPhoto(bare, change, by: layla) }
                let database = try Self.database { _ = try newsroom.bypass.editPhoto(bare, change, by: layla) }
                #expect(!core.isAllowed && !database.isAllowed, "clearing a published photo's words: core \(core), database \(database)")
            }
            // A lead photo without words on a published story: refused; one with words: allowed.
            let third = try newsroom.store.addPhoto(Self.tinyPhoto, by: layla)
            let core = Self.core { _ = try newsroom.store.setLeadPhoto(held, third, correction: "تصحيح الصورة", by: omar) }
            let database = try Self.database { _ = try newsroom.bypass.setLeadPhoto(held, third, correction: "تصحيح الصورة", by: omar) }
            #expect(!core.isAllowed && !database.isAllowed, "a bare lead photo: core \(core), database \(database)")
            #expect(Self.core { _ = try newsroom.store.setLeadPhoto(held, ready, correction: "تصحيح الصورة", by: omar) }.isAllowed)

            // A photo a story uses is not deleted (the core says which story; the foreign key holds).
            let delete = Self.core { try newsroom.store.deletePhoto(ready, by: huda) }
            #expect("\(delete)".contains("used by story \(held)"), "\(delete)")
            #expect(!(try Self.database { try newsroom.bypass.deletePhoto(ready, by: huda) }.isAllowed))
            #expect(Self.core { try newsroom.store.deletePhoto(third, by: layla) }.isAllowed == false, "only a chief deletes")
            try newsroom.store.deletePhoto(third, by: huda)
        }
    }

    @Test("a photo's limits, at them and one over: 80 megapixels and 50 MB, the core's PhotoRules and the database's checks agree")
    func photoLimits() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let layla = newsroom.actor("layla")
            let pixels = PhotoRules.pixelLimit
            let cases: [(String, width: Int, height: Int, bytes: Int, allowed: Bool)] = [
                ("at the pixel limit", 8000, pixels / 8000, 3, true), ("a row over it", 8000, pixels / 8000 + 1, 3, false),
                ("at the byte limit", 100, 100, PhotoRules.byteLimit, true), ("a byte over it", 100, 100, PhotoRules.byteLimit + 1, false),
            ]
            for (what, width, height, bytes, allowed) in cases {
                var photo = Self.tinyPhoto
                photo.width = width
                photo.height = height
                photo.original = [UInt8](repeating: 0xFF, count: bytes)
                let core = Self.core { try PhotoRules.checkUpload(byteCount: bytes, format: "jpeg", what: "", width: width, height: height, frames: 1) }
                let database = try Self.database { _ = try newsroom.bypass.addPhoto(photo, by: layla) }
                #expect(core.isAllowed == allowed, "\(what): the core says \(core)")
                #expect(database.isAllowed == allowed, "\(what): the database says \(database)")
            }
        }
    }

    @Test("who adds, describes and deletes a photo, for every role, someone inactive and the owner: the core and the database agree")
    func photoActors() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let kept = try newsroom.store.addPhoto(Self.tinyPhoto, by: newsroom.actor("layla"))
            var allowed: [String: [String]] = [:]
            for actor in newsroom.actors {
                let add = (core: Self.core { try PhotoRules.authorizeAdding(by: actor) },
                           database: try Self.database { _ = try newsroom.bypass.addPhoto(Self.tinyPhoto, by: actor) })
                let describe = (core: Self.core { try PhotoRules.authorizeAdding(by: actor) },
                                database: try Self.database { _ = try newsroom.bypass.editPhoto(kept, PhotoChanges(caption: .some("تعليق")), by: actor) })
                let photo = try newsroom.store.photo(kept)
                let delete = (core: Self.core { try PhotoRules.authorizeDeleting(photo, by: actor) },
                              database: try Self.database { try newsroom.bypass.deletePhoto(kept, by: actor) })
                for (what, verdicts) in [("add", add), ("describe", describe), ("delete", delete)] {
                    #expect(verdicts.core.isAllowed == verdicts.database.isAllowed,
                            "\(actor.name) may \(what): the core says \(verdicts.core), the database \(verdicts.database)")
                    if verdicts.database.isAllowed { allowed[what, default: []].append(actor.name) }
                }
            }
            #expect(allowed["add"] == ["huda", "omar", "layla"] && allowed["describe"] == ["huda", "omar", "layla"], "\(allowed)")
            #expect(allowed["delete"] == ["huda"], "\(allowed)")
        }
    }
}
