#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import NewsroomCommandLine
import NewsroomCore
import NewsroomStore

extension NewsroomWire {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", _superCommandName: "newsroom wire",
            abstract: "Take in every active source's items until stopped (SIGINT/SIGTERM: finish the file in hand, exit 0).",
            discussion: """
                One line per file or item on stdout. Run it as the database's owner (as migrate is): it writes the queue. \
                Two at once are safe: each source is worked by one at a time, and each version is stored once whoever stores it. \
                It also drops items older than the setting wire.retention (days, default 30) that no story was taken from. \
                With --once: one pass over every source (waiting for files still being written), then exit.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Flag(help: "One pass over every source (every address polled, due or not), then exit.") var once = false
        @Option(help: ArgumentHelp("Seconds between passes over the folders.", visibility: .hidden)) var interval = 1.0

        func run() throws {
            try reportingFailures {
                let log: (String) -> Void = { Terminal.write($0 + "\n", to: STDOUT_FILENO) }
                if once { return try runOnce(log) }
                let stop = StopSignal()
                var backoff = 0.5
                var lastPurge = Date.distantPast
                while !stop.requested {
                    do {
                        let store = try CommandContext.open(global, checkSchema: true).store()
                        let worker = WireWorker(store: store, log: log)
                        Terminal.note("wire: taking items in from \(try store.wireSources().filter(\.active).count) active sources")
                        backoff = 0.5
                        while !stop.requested {
                            _ = try worker.pass(force: false)
                            if Date().timeIntervalSince(lastPurge) > 3600 {
                                let gone = try store.purgeWireQueue()
                                if gone > 0 { log("\(WireWorker.stamp())  dropped \(gone) items past wire.retention") }
                                lastPurge = Date()
                            }
                            if stop.wait(seconds: interval) { return }
                        }
                    } catch where NewsroomSession.isTransient(error) {
                        Terminal.note("wire: the database is unreachable (\(NewsroomSession.firstLine("\(error)"))); retrying in \(backoff)s")
                        if stop.wait(seconds: backoff) { return }
                        backoff = min(backoff * 2, 30)
                    }
                }
            }
        }

        /// One pass; files still being written are waited for (as long as the longest settle time, twice).
        func runOnce(_ log: @escaping (String) -> Void) throws {
            let store = try CommandContext.open(global, checkSchema: true).store()
            let worker = WireWorker(store: store, log: log)
            let longest = Double(try store.wireSources().map(\.settleSeconds).max() ?? 0)
            let started = Date()
            var tally = try worker.pass(force: true)
            var total = tally
            while tally.waiting > 0, Date().timeIntervalSince(started) < longest * 2 + 1 {
                Thread.sleep(forTimeInterval: min(max(longest / 4, 0.1), 1))
                tally = try worker.pass(force: false)
                total.stored += tally.stored
                total.already += tally.already
                total.rejected += tally.rejected
                total.waiting = tally.waiting
            }
            let gone = try store.purgeWireQueue()
            print("wire: \(total.stored) stored, \(total.already) already there, \(total.rejected) rejected"
                  + (total.waiting > 0 ? ", \(total.waiting) still being written" : "") + (gone > 0 ? "; dropped \(gone) past wire.retention" : ""))
        }
    }
}
