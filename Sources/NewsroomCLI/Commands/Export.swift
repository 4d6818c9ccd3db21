#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NewsroomCore
import NewsroomSite
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    /// The whole archive, portable: one ninjs document a line, streamed.
    struct Export: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", _superCommandName: "newsroom",
            abstract: "Write every published and withdrawn story as IPTC ninjs, one document a line (JSON Lines).",
            discussion: """
                newsroom export --format ninjs > archive.jsonl. Published stories first, then withdrawn ones (as \
                their cancellation: pubstatus canceled, no text), each in id order, from one snapshot of the \
                database; memory stays flat however large the archive. --since T: only stories published, \
                corrected or withdrawn since T. Progress goes to standard error on a terminal. A long export \
                belongs on the primary, or on a standby with hot_standby_feedback on.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The format: ninjs.") var format = "ninjs"
        @Option(help: "Only stories changed since this time.") var since: String?

        /// Output goes out in blocks of this size (a write per story would cost more than the story).
        static let flushAt = 256 * 1024

        static func write(_ buffer: inout [UInt8], to descriptor: Int32) throws {
            var offset = 0
            while offset < buffer.count {
                let count = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else {
                    throw NewsroomError(.configuration, "could not write the export: \(String(cString: strerror(errno))); nothing more was written")
                }
                offset += count
            }
            buffer.removeAll(keepingCapacity: true)
        }

        static func note(_ text: String) {
            var bytes = Array(text.utf8)
            try? write(&bytes, to: 2)
        }

        func validate() throws {
            guard format == "ninjs" else { throw ValidationError("--format \"\(format)\" is not a format this command writes; use ninjs") }
        }

        func run(_ context: CommandContext) throws {
            let (time, now) = try context.store().clock()
            let from = try since.map { try time.parse($0, now: now, field: "since") }
            let reader = ReaderStore(session: context.session)
            let writer = NinjsWriter(settings: try reader.settings())
            let progress = isatty(2) == 1
            let total = progress ? try reader.archiveCount(since: from) : 0
            var written = 0
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.flushAt + 65_536)
            try reader.exportArchive(since: from) { id, lookup in
                guard let document = writer.document(lookup, id: id) else { return }
                buffer.append(contentsOf: document.compact().utf8)
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= Self.flushAt { try Self.write(&buffer, to: 1) }
                written += 1
                if progress, written % 1000 == 0 { Self.note("\rexported \(written) of \(total)") }
            }
            try Self.write(&buffer, to: 1)
            if progress { Self.note("\rexported \(written) of \(total)\n") }
        }
    }
}
