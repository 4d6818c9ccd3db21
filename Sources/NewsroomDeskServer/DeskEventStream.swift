import Foundation
import Hummingbird
import NIOCore
import NewsroomCore
import NewsroomDesk
import NewsroomStore

extension DeskResponder {
    /// The desk's events as Server-Sent Events: a story's move, a note, a ticker line, read
    /// every two seconds on the person's own connection (so they see what their login may
    /// see), until the session ends or the page goes away. A story's page (`?story=N`) is also
    /// told who holds its edit lease whenever that changes.
    func events(_ session: DeskSession, _ http: HTTPInfo) -> Reply {
        let story = http.query["story"].flatMap { try? StoryID.parse($0) }
        var reply = Reply(status: .ok, body: "", type: "text/event-stream; charset=utf-8")
        reply.headers[.cacheControl] = "no-store"
        let sessions = sessions, threads = threads, language = http.language
        reply.stream = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
            var cursor = try await threads.runIfActive { try session.withStore { store, _ in try store.deskCursor() } }
            var quiet = 0
            var lease: LeaseLine?
            while true {
                try await Task.sleep(for: .seconds(2))
                guard case .found = sessions.find(session.token, now: Date()) else { break }
                let from = cursor
                let (events, next) = try await threads.runIfActive {
                    try session.withStore { store, _ in try store.deskEvents(after: from, section: nil) }
                }
                cursor = next
                for event in events {
                    try await writer.write(ByteBuffer(string: Self.frame(event, words: Words(language))))
                }
                var told = !events.isEmpty
                if let story {
                    let now = try await threads.runIfActive { try session.withStore { store, _ in LeaseLine(try store.lease(of: story), time: try store.time(), words: Words(language)) } }
                    if now != lease {
                        if lease != nil || now.holder != nil { try await writer.write(ByteBuffer(string: now.frame)) }
                        lease = now
                        told = true
                    }
                }
                quiet = told ? 0 : quiet + 1
                // A comment now and then keeps proxies from closing a quiet stream.
                if quiet >= 10 {
                    try await writer.write(ByteBuffer(string: ":\n\n"))
                    quiet = 0
                }
            }
            try await writer.finish(nil)
        }
        return reply
    }

    static func frame(_ event: DeskEvent, words: Words) -> String {
        var text = "\(event.actor): \(event.action)"
        if let story = event.story { text += " #\(story)" }
        if let status = event.status { text += " (\(words.status(status)))" }
        if let headline = event.text { text += " — \(headline)" }
        var fields: [String: Any] = ["kind": event.kind.rawValue, "action": event.action, "actor": event.actor, "text": text]
        if let story = event.story { fields["story"] = story.rawValue }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: desk\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}

/// Who holds a story's edit lease, as its page says it (nobody: an empty line).
struct LeaseLine: Equatable {
    let holder: String?
    let text: String

    init(_ lease: EditLease?, time: NewsroomTime, words: Words) {
        holder = lease?.holder.rawValue
        text = lease.map { "\(words(.leaseHeldBy)) \($0.holder) \(words(.since)) \(time.human($0.since)), \(words(.until)) \(time.human($0.expiresAt))" } ?? ""
    }

    var frame: String {
        let fields: [String: Any] = ["holder": holder ?? "", "text": text]
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: lease\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}
