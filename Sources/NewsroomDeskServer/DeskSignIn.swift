import Foundation
import HTTPTypes
import Hummingbird
import NewsroomCore
import NewsroomDesk
import NewsroomStore
import Synchronization

/// Failed sign-ins, slowed per login and per client address (`SignInThrottle`).
final class SignInGuard: Sendable {
    private let logins = Mutex(SignInThrottle())
    private let addresses = Mutex(SignInThrottle())

    func wait(login: String, address: String, now: Double) -> Double {
        max(logins.withLock { $0.wait(for: login, now: now) }, addresses.withLock { $0.wait(for: address, now: now) })
    }

    func failed(login: String, address: String, now: Double) {
        logins.withLock { $0.failed(login, now: now) }
        addresses.withLock { $0.failed(address, now: now) }
    }

    func succeeded(login: String) {
        logins.withLock { $0.succeeded(login) }
    }
}

extension DeskResponder {
    /// The sign-in form, with a fresh pre-session token in a cookie and the form (the form's
    /// token must match the cookie's: another site cannot sign someone in as itself).
    func signInPage(_ http: HTTPInfo, message: String?, status: HTTPResponse.Status = .ok, login: String = "", forget: Bool = false) -> Reply {
        // One sign-in token per browser, kept while its cookie lasts: a second tab, or any other
        // request the browser makes meanwhile, leaves the first page's form good.
        let token = http.preToken.flatMap { Secret.isWellFormed($0) ? $0 : nil } ?? Secret.make()
        var reply = Reply.page(DeskPages.signIn(Words(http.language), message: message, login: login, signInToken: token), status: status)
        reply.cookies.append(http.cookie(HTTPInfo.preCookie, token))
        if forget { reply.cookies.append(http.cookie(HTTPInfo.sessionCookie, "", maxAge: 0)) }
        return reply
    }

    func signIn(_ method: HTTPRequest.Method, form: [String: String], _ http: HTTPInfo) async -> Reply {
        let words = Words(http.language)
        guard method == .post else {
            if case .found = sessions.find(http.sessionToken, now: Date()) { return .redirect("/") }
            return signInPage(http, message: nil)
        }
        guard let pre = http.preToken, Secret.same(form["csrf"] ?? "", pre) else {
            return signInPage(http, message: words(.staleForm), status: .forbidden)
        }
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let now = Date().timeIntervalSince1970
        let wait = throttle.wait(login: login, address: http.remote, now: now)
        if wait > 0 {
            logger.notice("sign-in for login \"\(login)\" from \(http.remote) held back \(Int(wait.rounded(.up))) s after repeated failures")
            var reply = signInPage(http, message: words(.slowDown), status: .tooManyRequests, login: login)
            reply.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return reply
        }
        // A login PostgreSQL could take (at most 63 bytes) and a password libpq can carry.
        guard !login.isEmpty, login.utf8.count <= 63, !password.isEmpty, password.utf8.count <= 1024,
              !login.utf8.contains(0), !password.utf8.contains(0) else {
            throttle.failed(login: login, address: http.remote, now: now)
            return signInPage(http, message: words(.signInFailed), status: .unauthorized, login: login)
        }
        let options = options
        let outcome: Result<DeskSession, SignInFailure>
        do {
            outcome = .success(try await threads.runIfActive { () throws -> DeskSession in
                let store: NewsroomStore
                do {
                    store = NewsroomStore(session: try NewsroomSession.open(options, credentials: .init(login: login, password: password)))
                } catch let error as NewsroomSession.PasswordNotChecked {
                    throw SignInFailure.refused(error.message)
                } catch {
                    let explained = NewsroomSession.explain(error).message
                    throw NewsroomSession.refusedLogin(error) ? SignInFailure.refused(explained) : SignInFailure.unavailable(explained)
                }
                guard case .staff(let member) = try? store.resolveActor(as: nil) else {
                    throw SignInFailure.refused("the login is no staff member's")
                }
                guard member.active else { throw SignInFailure.inactive }
                return DeskSession(store: store, member: member, login: login, now: Date())
            })
        } catch let failure as SignInFailure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(.unavailable("\(error)"))
        }
        switch outcome {
        case .success(let session):
            guard sessions.add(session) else {
                logger.warning("the desk is full (\(sessions.limit) sessions): \(login) could not sign in")
                return .page(DeskPages.stopped(words, .tooManySessions), status: .serviceUnavailable)
            }
            throttle.succeeded(login: login)
            logger.notice("\(login) signed in from \(http.remote)")
            var reply = Reply.redirect("/")
            reply.cookies.append(http.cookie(HTTPInfo.sessionCookie, session.token))
            return reply
        case .failure(.refused(let reason)):
            // The person is told one thing whatever the reason; the log says which (never the password).
            throttle.failed(login: login, address: http.remote, now: now)
            logger.notice("sign-in refused for login \"\(login)\" from \(http.remote): \(reason)")
            return signInPage(http, message: words(.signInFailed), status: .unauthorized, login: login)
        case .failure(.inactive):
            throttle.failed(login: login, address: http.remote, now: now)
            logger.notice("sign-in refused for login \"\(login)\" from \(http.remote): deactivated")
            return signInPage(http, message: words(.signInFailed), status: .unauthorized, login: login)
        case .failure(.unavailable(let reason)):
            logger.warning("sign-in for \"\(login)\" could not reach the database: \(reason)")
            return signInPage(http, message: words(.databaseDown), status: .serviceUnavailable, login: login)
        }
    }
}

enum SignInFailure: Error {
    case refused(String)
    case inactive
    case unavailable(String)
}
