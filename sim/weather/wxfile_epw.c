/* wxfile_epw.c — stub. */
#include "wxfile_int.h"

int wx_read_epw(WxCtx *c)
{
    return wx_err(c, ST_CONFIG_SYNTAX, 1, 0, NULL, "epw files are not read yet");
}
