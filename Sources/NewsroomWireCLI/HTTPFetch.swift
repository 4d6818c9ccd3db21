import CLibCurl

/// One GET through libcurl (http and https only, redirects among them, a time limit), with the
/// conditional headers of the last answer, its body cut off past the source's size limit.
final class HTTPFetch {
    struct Response {
        var status: Int
        var body: [UInt8]
        var etag: String?
        var lastModified: String?
        var contentType: String?
        var tooLarge: Bool
    }

    private final class Collected {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        var limit: Int
        var tooLarge = false
        init(limit: Int) { self.limit = limit }
    }

    static func get(_ url: String, etag: String?, lastModified: String?, maxBytes: Int) -> Result<Response, HTTPFailure> {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let handle = curl_easy_init() else { return .failure(HTTPFailure(message: "libcurl could not start")) }
        defer { curl_easy_cleanup(handle) }
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        if let etag { headers = curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let lastModified { headers = curl_slist_append(headers, "If-Modified-Since: \(lastModified)") }
        headers = curl_slist_append(headers, "Accept: application/atom+xml, application/vnd.iptc.g2.newsitem+xml, application/json;q=0.9, */*;q=0.5")
        defer { curl_slist_free_all(headers) }
        let collected = Collected(limit: maxBytes)
        let context = Unmanaged.passUnretained(collected).toOpaque()
        _ = newsroom_curl_set_string(handle, CURLOPT_URL, url)
        _ = newsroom_curl_set_list(handle, CURLOPT_HTTPHEADER, headers)
        _ = newsroom_curl_set_long(handle, CURLOPT_PROTOCOLS, Int(CURLPROTO_HTTP | CURLPROTO_HTTPS))
        _ = newsroom_curl_set_long(handle, CURLOPT_REDIR_PROTOCOLS, Int(CURLPROTO_HTTP | CURLPROTO_HTTPS))
        _ = newsroom_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = newsroom_curl_set_long(handle, CURLOPT_MAXREDIRS, 5)
        _ = newsroom_curl_set_long(handle, CURLOPT_TIMEOUT, 60)
        _ = newsroom_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, 10)
        _ = newsroom_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = newsroom_curl_set_string(handle, CURLOPT_USERAGENT, "newsroom-wire")
        _ = newsroom_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = newsroom_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = newsroom_curl_set_write_callback(handle) { data, size, count, context in
            let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if collected.body.count + length > collected.limit { collected.tooLarge = true; return 0 }
            data.map { collected.body.append(contentsOf: UnsafeRawBufferPointer(start: $0, count: length)) }
            return length
        }
        _ = newsroom_curl_set_header_callback(handle) { data, size, count, context in
            let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard let data else { return length }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            if line.hasPrefix("HTTP/") { collected.headers = [:] }  // a redirect's headers are not the answer's
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                collected.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\r", "\n", "\t"])
            }
            return length
        }
        let result = curl_easy_perform(handle)
        if collected.tooLarge {
            return .success(Response(status: 200, body: [], etag: nil, lastModified: nil, contentType: nil, tooLarge: true))
        }
        guard result == CURLE_OK else { return .failure(HTTPFailure(message: String(cString: curl_easy_strerror(result)))) }
        var status = 0
        _ = newsroom_curl_response_code(handle, &status)
        return .success(Response(status: status, body: collected.body, etag: collected.headers["etag"],
                                 lastModified: collected.headers["last-modified"], contentType: collected.headers["content-type"], tooLarge: false))
    }

    /// An entry's link against the feed's address.
    static func resolve(_ href: String, against base: String) -> String {
        if href.hasPrefix("http://") || href.hasPrefix("https://") { return href }
        guard let schemeEnd = base.range(of: "://") else { return href }
        let afterScheme = base[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let origin = String(base[..<hostEnd])
        if href.hasPrefix("/") { return origin + href }
        let folder = base.lastIndex(of: "/").map { $0 >= hostEnd ? String(base[...$0]) : origin + "/" } ?? origin + "/"
        return folder + href
    }

    /// `text/xml; charset=windows-1256` → `windows-1256`.
    static func charset(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\""]) }
            if pair.count == 2, pair[0].lowercased() == "charset" { return pair[1] }
        }
        return nil
    }
}

struct HTTPFailure: Error { let message: String }
