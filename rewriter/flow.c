/*
 * flow.c - which statements control always runs straight through (see
 * flow.h).
 *
 * The test is syntactic and conservative: a statement of a straight kind is
 * searched, expressions and all, for anything that could leave it other than
 * at its end. Traps (a division by zero, a bad pointer) end the program and
 * are not looked for: a report written from a fatal signal may then count
 * the lines after the trapping one of the same run once too often, as gcov's
 * counters do.
 */
#include "flow.h"

static int straight_kind(enum CXCursorKind k)
{
    return k == CXCursor_DeclStmt || k == CXCursor_NullStmt || clang_isExpression(k);
}

static enum CXChildVisitResult find_exit(CXCursor c, CXCursor parent, CXClientData data)
{
    int *bad = data;
    (void)parent;
    switch (clang_getCursorKind(c)) {
    case CXCursor_CallExpr:
    case CXCursor_StmtExpr:
    case CXCursor_BlockExpr:
    case CXCursor_FunctionDecl:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        *bad = 1;
        return CXChildVisit_Break;
    case CXCursor_VarDecl:
        if (clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_VariableArray) {
            *bad = 1;
            return CXChildVisit_Break;
        }
        return CXChildVisit_Recurse;
    default:
        /* A statement inside an expression can only come from a statement
         * expression, refused above; any other is refused too. */
        if (clang_isStatement(clang_getCursorKind(c)) &&
            clang_getCursorKind(c) != CXCursor_DeclStmt &&
            !clang_isExpression(clang_getCursorKind(c))) {
            *bad = 1;
            return CXChildVisit_Break;
        }
        return CXChildVisit_Recurse;
    }
}

int flow_straight(CXCursor c)
{
    int bad = 0;
    if (!straight_kind(clang_getCursorKind(c)))
        return 0;
    /* An expression statement is its expression's cursor: look at it
     * before its children. */
    if (find_exit(c, clang_getNullCursor(), &bad) == CXChildVisit_Break)
        return 0;
    clang_visitChildren(c, find_exit, &bad);
    return !bad;
}
