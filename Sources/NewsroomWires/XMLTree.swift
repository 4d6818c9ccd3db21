internal import CLibXML2
import NewsroomCore

/// A parsed XML document (libxml2), read from bytes that may be hostile: no network, no DTD,
/// no entity of one (a document type declaration stops the parse and refuses the file, so an
/// external entity is never resolved and an expansion bomb never expanded), no XInclude.
/// The declared encoding is decoded by libxml2 through iconv; bytes it cannot decode refuse
/// the file, naming the charset.
final class XMLTree {
    let document: xmlDocPtr

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// libxml2 set up once (Swift's static let runs it exactly once, whatever thread asks first).
    static let ready: Void = newsroom_xml_setup()

    init(_ bytes: [UInt8]) throws(WireRefusal) {
        Self.ready
        guard let parser = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { newsroom_xml_guarded_parser($0.baseAddress, Int32(buffer.count), Self.options) }
        }) else { throw WireRefusal(.malformed, "libxml2 could not start a parser (out of memory?)") }
        defer { newsroom_xml_free_parser(parser) }
        let status = xmlParseDocument(parser)
        let outcome = newsroom_xml_outcome(parser)
        let sawDeclaration = outcome.saw_declaration != 0
        let encoding = parser.pointee.encoding.map { String(cString: $0) } ?? parser.pointee.input?.pointee.encoding.map { String(cString: $0) }
        var first = outcome.first_message
        let message = withUnsafeBytes(of: &first) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let conversionFailed = (parser.pointee.input?.pointee.buf?.pointee.error ?? 0) != 0
        let wellFormed = parser.pointee.wellFormed != 0
        let parsed = parser.pointee.myDoc
        parser.pointee.myDoc = nil
        if sawDeclaration {
            if let parsed { xmlFreeDoc(parsed) }
            throw WireRefusal(.dtd, "the file declares a DTD or an entity (<!DOCTYPE …>); agency items never need one, and none is read. Ask the agency for the item without it")
        }
        guard status == 0, wellFormed, let parsed else {
            if let parsed { xmlFreeDoc(parsed) }
            let code = conversionFailed ? Int(XML_I18N_CONV_FAILED.rawValue) : Int(outcome.first_error)
            throw Self.refusal(code: code, line: Int(outcome.first_line), message: message, encoding: encoding)
        }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    static func refusal(code: Int, line: Int, message: String?, encoding: String?) -> WireRefusal {
        let said = (message ?? "not well-formed").trimmingWhitespace()
        let charset = encoding ?? "UTF-8"
        switch code {
        case Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue), Int(XML_ERR_UNKNOWN_ENCODING.rawValue):
            return WireRefusal(.charset, "its charset is unknown (\(said)); use UTF-8, windows-1256 or ISO-8859-6")
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue), Int(XML_I18N_CONV_FAILED.rawValue):
            return WireRefusal(.undecodable, "line \(line) holds bytes that are not \(charset), the charset it declares (\(said))")
        default:
            if said.contains("input conversion failed") || said.contains("Input is not proper UTF-8") || said.contains("encoding error") {
                return WireRefusal(.undecodable, "line \(line) holds bytes that are not \(charset), the charset it declares (\(said))")
            }
            if said.contains("Unsupported encoding") || said.contains("unknown encoding") {
                return WireRefusal(.charset, "its charset is unknown (\(said)); use UTF-8, windows-1256 or ISO-8859-6")
            }
            return WireRefusal(.malformed, "it is not well-formed XML: line \(line): \(said)")
        }
    }

    var root: XMLNode? { xmlDocGetRootElement(document).map(XMLNode.init) }
}

/// An element of a parsed document, read by its local name (namespaces are the agency's).
struct XMLNode {
    let pointer: xmlNodePtr

    var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }
    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// Every child node, elements and text.
    var children: [XMLNode] {
        var nodes: [XMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            nodes.append(XMLNode(pointer: node))
            child = node.pointee.next
        }
        return nodes
    }

    var elements: [XMLNode] { children.filter(\.isElement) }

    func first(_ name: String) -> XMLNode? { elements.first { $0.name == name } }
    func all(_ name: String) -> [XMLNode] { elements.filter { $0.name == name } }

    /// The first element of that name at any depth below, in document order.
    func descendant(_ name: String) -> XMLNode? {
        for element in elements {
            if element.name == name { return element }
            if let found = element.descendant(name) { return found }
        }
        return nil
    }

    /// A text node's own text.
    var ownText: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// All the text inside, as one string.
    var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { newsroom_xml_free(content) }
        return String(cString: content)
    }

    /// The text inside with its white space runs as single spaces.
    var line: String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { newsroom_xml_free(value) }
        return String(cString: value)
    }
}
