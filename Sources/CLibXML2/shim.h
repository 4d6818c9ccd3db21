/* Debian builds libxml2 with ICU, and its encoding.h then includes the system's ICU headers,
   whose UErrorCode differs from the one Foundation's own ICU declares: a module importing
   Foundation and this one fails to build. Nothing here reaches into an encoding handler (the
   only struct ICU changes), so the system's ICU is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

/* libxml2's xmlFree is a function pointer, which Swift cannot call as a function. */
static inline void newsroom_xml_free(void *pointer) { xmlFree(pointer); }

/* What a guarded parse saw: a declaration (refused), and the first error (the one that says
   why; later ones follow from it). Kept in the parser's _private. */
typedef struct {
    int saw_declaration;
    int first_error;
    int first_line;
    char first_message[240];
} newsroom_xml_state;

static void newsroom_xml_refuse_subset(void *context, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr) context;
    (void) name; (void) external; (void) system;
    ((newsroom_xml_state *) parser->_private)->saw_declaration = 1;
    xmlStopParser(parser);
}

static void newsroom_xml_refuse_entity(void *context, const xmlChar *name, int type, const xmlChar *public_id,
                                       const xmlChar *system_id, xmlChar *content) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr) context;
    (void) name; (void) type; (void) public_id; (void) system_id; (void) content;
    ((newsroom_xml_state *) parser->_private)->saw_declaration = 1;
    xmlStopParser(parser);
}

static void newsroom_xml_keep_first(void *context, xmlErrorPtr error) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr) context;
    newsroom_xml_state *state = (newsroom_xml_state *) parser->_private;
    if (state == NULL || state->first_error != 0 || error == NULL || error->level < XML_ERR_ERROR) return;
    state->first_error = error->code;
    state->first_line = error->line;
    if (error->message) {
        strncpy(state->first_message, error->message, sizeof state->first_message - 1);
        state->first_message[sizeof state->first_message - 1] = 0;
    }
}

/* Never load anything from outside a document: no file, no URL. */
static xmlParserInputPtr newsroom_xml_no_external(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void) url; (void) id; (void) context;
    return NULL;
}

static void newsroom_xml_quiet(void *context, const char *message, ...) { (void) context; (void) message; }

/* Once, before any parse: libxml2's globals, and its loader of external resources refusing all. */
static inline void newsroom_xml_setup(void) {
    xmlInitParser();
    /* Refusals are told by the caller, from the first error: nothing on stderr. */
    xmlSetGenericErrorFunc(NULL, newsroom_xml_quiet);
    xmlSetExternalEntityLoader(newsroom_xml_no_external);
}

/* A parser for one document held in memory that refuses any DTD or entity declaration. */
static inline xmlParserCtxtPtr newsroom_xml_guarded_parser(const char *bytes, int length, int options) {
    xmlParserCtxtPtr parser = xmlCreateMemoryParserCtxt(bytes, length);
    if (parser == NULL) return NULL;
    xmlCtxtUseOptions(parser, options);
    parser->sax->internalSubset = newsroom_xml_refuse_subset;
    parser->sax->externalSubset = newsroom_xml_refuse_subset;
    parser->sax->entityDecl = newsroom_xml_refuse_entity;
    parser->sax->serror = newsroom_xml_keep_first;
    parser->_private = calloc(1, sizeof(newsroom_xml_state));
    return parser;
}

static inline newsroom_xml_state newsroom_xml_outcome(xmlParserCtxtPtr parser) {
    newsroom_xml_state state = *(newsroom_xml_state *) parser->_private;
    return state;
}

static inline void newsroom_xml_free_parser(xmlParserCtxtPtr parser) {
    free(parser->_private);
    parser->_private = NULL;
    xmlFreeParserCtxt(parser);
}
