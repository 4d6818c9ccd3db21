#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* libxml2's xmlFree is a function pointer, which Swift cannot call as a function. */
static inline void newsroom_xml_free(void *pointer) { xmlFree(pointer); }
