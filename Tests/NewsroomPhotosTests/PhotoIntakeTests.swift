#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import Imaging
import NewsroomCore
import NewsroomPhotos
import Testing
import TestRandom
import TestSupport

@Suite("photos coming in: the intake on real files, and on broken ones")
struct PhotoIntakeTests {
    /// Small real files of each format, made by ImageMagick.
    static func seeds(_ folder: URL) throws -> [[UInt8]] {
        try [("jpg", "300x200"), ("png", "200x300"), ("webp", "240x240")].map { format, size in
            Array(try Data(contentsOf: try TestPhotos.plain(in: folder, name: "seed", size: size, format: format)))
        }
    }

    @Test("each format in, every rendition out as JPEG or WebP, upright size kept, nothing enlarged")
    func formats() throws {
        try TestPhotos.withFolder { folder in
            for seed in try Self.seeds(folder) {
                let photo = try PhotoIntake.prepare(seed, given: PhotoIntake.Given(text: PhotoText(alt: "صورة", credit: "واع")))
                #expect(photo.renditions.allSatisfy { $0.width <= max(photo.width, 1) && ["jpeg", "webp"].contains($0.format) })
                #expect(photo.renditions.allSatisfy { ImageFormat.identify($0.bytes)?.rawValue == $0.format }, "the bytes are what they say")
                #expect(photo.renditions.contains { $0.name == "social" } && photo.renditions.contains { $0.name == "16x9" })
            }
        }
    }

    @Test("1,000 files with broken headers and bodies: each refused with a NewsroomError or taken, no crash, no hang, bounded memory")
    func fuzz() throws {
        try TestPhotos.withFolder { folder in
            let seeds = try Self.seeds(folder)
            var random = SeededGenerator(state: 30)
            var refused = 0, taken = 0
            for iteration in 0..<1_000 {
                var bytes = seeds[iteration % seeds.count]
                switch Int.random(in: 0..<4, using: &random) {
                case 0:  // a few bytes of the header changed (dimensions, markers, chunk lengths)
                    for _ in 0..<Int.random(in: 1...6, using: &random) {
                        bytes[Int.random(in: 0..<min(64, bytes.count), using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                case 1:  // cut anywhere
                    bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
                case 2:  // bytes anywhere changed
                    for _ in 0..<Int.random(in: 1...40, using: &random) {
                        bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                default:  // a run of the file repeated, or noise appended
                    let start = Int.random(in: 0..<bytes.count, using: &random)
                    bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + 512)], at: Int.random(in: 0..<bytes.count, using: &random))
                }
                do {
                    let photo = try PhotoIntake.prepare(bytes, given: PhotoIntake.Given())
                    #expect(!photo.renditions.isEmpty)
                    taken += 1
                } catch let error as NewsroomError {
                    #expect(!error.message.isEmpty && error.kind == .invalidInput, "\(error)")
                    refused += 1
                }
            }
            #expect(refused > 100 && taken > 25, "refused \(refused), taken \(taken)")
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            #expect(usage.ru_maxrss < 2_000_000, "peak memory \(usage.ru_maxrss) kB (the suite's whole process)")
        }
    }

    @Test("EXIF's ASCII fields as libvips prints them: the raw value, however it reads")
    func exifText() {
        #expect(EmbeddedMetadata.exifASCII("(c) Ali ((c) Ali (Photographer) - [None] (Editor), ASCII, 8 components, 8 bytes)") == "(c) Ali")
        #expect(EmbeddedMetadata.exifASCII("وصف (وصف, ASCII, 7 components, 7 bytes)") == "وصف")
        #expect(EmbeddedMetadata.exifASCII("a, b (a, b, ASCII, 5 components, 5 bytes)") == "a, b")
        #expect(EmbeddedMetadata.exifASCII("6 (Right-top, Short, 1 components, 2 bytes)") == nil, "not ASCII")
        #expect(EmbeddedMetadata.exifASCII("x (x, ASCII, 1 components, 900 bytes)") == nil, "a length past the text")
        #expect(EmbeddedMetadata.exifDate("2026:12:01 10:11:12") == "2026-12-01T10:11:12")
        #expect(EmbeddedMetadata.iimDate("20261201") == "2026-12-01" && EmbeddedMetadata.iimDate("2026") == "")
    }
}
