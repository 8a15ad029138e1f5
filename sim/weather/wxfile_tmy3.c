/* wxfile_tmy3.c — stub. */
#include "wxfile_int.h"

int wx_read_tmy3(WxCtx *c)
{
    return wx_err(c, ST_CONFIG_SYNTAX, 1, 0, NULL, "tmy3 files are not read yet");
}
