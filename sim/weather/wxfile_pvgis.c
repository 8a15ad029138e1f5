/* wxfile_pvgis.c — stub. */
#include "wxfile_int.h"

int wx_read_pvgis(WxCtx *c)
{
    return wx_err(c, ST_CONFIG_SYNTAX, 1, 0, NULL, "pvgis files are not read yet");
}
