// ncursesw with wide-character APIs; macros, attributes and globals that Swift cannot import
// are re-exported here as small inline functions.
#pragma once
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int cn_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int cn_getcury(WINDOW *w) { return getcury(w); }
static inline int cn_getcurx(WINDOW *w) { return getcurx(w); }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_mvaddnstr(int y, int x, const char *s, int n) { return mvaddnstr(y, x, s, n); }
static inline attr_t cn_a_standout(void) { return A_STANDOUT; }

// Extended colour pairs (numbers above 255) only reach wattr_set through its opts pointer.
static inline int cn_set_style(attr_t attrs, int pair) {
    return wattr_set(stdscr, attrs, (NCURSES_PAIRS_T)(pair < 0x7fff ? pair : 0), &pair);
}

// Colour facts from terminfo without starting curses (for `studio doctor`); -1 when TERM is unknown.
#include <ncursesw/term.h>
static inline int cn_terminfo_colors(int fd, int *has_rgb_flag) {
    int err = 0;
    if (setupterm(NULL, fd, &err) != OK) return -1;
    int colors = tigetnum("colors");
    if (colors < 0) colors = 0;  // capability absent: no colour
    if (has_rgb_flag) *has_rgb_flag = tigetflag("RGB") == 1;
    del_curterm(cur_term);
    return colors;
}

// glibc hides wcwidth unless _XOPEN_SOURCE is set where <wchar.h> is first compiled.
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// newterm on the process's own stdin/stdout; unlike initscr it returns NULL instead of exiting.
#include <stdio.h>
static inline SCREEN *cn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

// True when the current terminal can move the cursor anywhere (terminfo `cup`); TERM=dumb cannot.
static inline int cn_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
