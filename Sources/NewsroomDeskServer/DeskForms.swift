import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore
import NIOHTTP1
import NewsroomCore
import NewsroomDesk

/// Why a form was not read.
struct FormRefusal: Error {
    let label: Label
    let status: HTTPResponse.Status
}

/// A form as the desk reads it: its text fields, each once, and for the photo upload its file.
struct ReadForm {
    var fields: [String: String] = [:]
    var upload: DeskUpload?
}

extension DeskResponder {
    /// Where a multipart form (with a file) is taken, and its limit: the photo rules' own and
    /// room for the form's words.
    static let uploadPaths: [[String]] = [["photos"]]
    static let uploadLimit = PhotoRules.byteLimit + 1_048_576

    /// A file (up to the photo limit) is read only for someone signed in: checked before a
    /// byte of it is, so nobody without a session makes the desk hold 51 MB.
    func mayUpload(_ http: HTTPInfo) -> Bool {
        guard Self.uploadPaths.contains(http.path) else { return true }
        if case .found = sessions.find(http.sessionToken, now: Date()) { return true }
        return false
    }

    /// The form of a POST: URL-encoded (or multipart where a file is taken), within the size
    /// limit, its text valid UTF-8, each field once.
    func readForm(_ request: inout Request, path: [String]) async -> Result<ReadForm, FormRefusal> {
        let type = request.headers[.contentType] ?? ""
        let multipart = Self.uploadPaths.contains(path) ? Self.boundary(type) : nil
        guard multipart != nil || type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return .failure(FormRefusal(label: .badRequest, status: .unsupportedMediaType))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: multipart == nil ? bodyLimit : Self.uploadLimit)
        } catch {
            return .failure(FormRefusal(label: .tooLarge, status: .contentTooLarge))
        }
        if let multipart { return Self.multipartForm(buffer, boundary: multipart) }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self),
              let fields = try? URLEncodedFormDecoder().decode([String: String].self, from: text)
        else {
            return .failure(FormRefusal(label: .badRequest, status: .badRequest))
        }
        return .success(ReadForm(fields: fields))
    }

    /// `multipart/form-data; boundary=…`: the boundary, or nil for any other type.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The parts of a multipart form, read by MultipartKit's parser: the part named `file` is the
    /// upload, every other part a text field.
    static func multipartForm(_ buffer: ByteBuffer, boundary: String) -> Result<ReadForm, FormRefusal> {
        let refused = FormRefusal(label: .badRequest, status: .badRequest)
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var body = ByteBuffer()
        var complete = false
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: body))
            headers = HTTPHeaders()
            body = ByteBuffer()
            complete = true
        }
        do { try parser.execute(buffer) } catch { return .failure(refused) }
        guard complete else { return .failure(refused) }
        var form = ReadForm()
        for part in parts {
            guard let name = part.name else { return .failure(refused) }
            if name == "file" {
                guard form.upload == nil else { return .failure(refused) }
                form.upload = DeskUpload(bytes: Array(part.body.readableBytesView))
                continue
            }
            guard form.fields[name] == nil, let text = String(validating: part.body.readableBytesView, as: UTF8.self) else { return .failure(refused) }
            form.fields[name] = text
        }
        return .success(form)
    }
}
