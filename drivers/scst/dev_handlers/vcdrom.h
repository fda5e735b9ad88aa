/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST vcdrom dev handler: the parameter data builders, visible to the
 * KUnit tests (drivers/scst/tests/scst_vcdrom_test.c).
 */
#ifndef _SCST_VCDROM_H
#define _SCST_VCDROM_H

#include <linux/types.h>
#include <kunit/visibility.h>

/* Header and two track descriptors */
#define VCDROM_TOC_MAX_LEN	(4 + 2 * 8)
/* Header and the five features */
#define VCDROM_CONFIG_MAX_LEN	64
/* Event header and one media event descriptor */
#define VCDROM_GESN_LEN		8

/**
 * enum vcdrom_media_event - media class event codes
 * @VCDROM_ME_NO_CHANGE: nothing happened
 * @VCDROM_ME_EJECT_REQUEST: the user asked for the disc to be ejected
 * @VCDROM_ME_NEW_MEDIA: a disc was loaded
 * @VCDROM_ME_MEDIA_REMOVAL: the disc was removed
 *
 * The media event codes of MMC-6 GET EVENT STATUS NOTIFICATION.
 */
enum vcdrom_media_event {
	VCDROM_ME_NO_CHANGE	= 0,
	VCDROM_ME_EJECT_REQUEST	= 1,
	VCDROM_ME_NEW_MEDIA	= 2,
	VCDROM_ME_MEDIA_REMOVAL	= 3,
};

struct scst_device;
struct scst_opcode_desc;

#if IS_ENABLED(CONFIG_KUNIT)
bool vcdrom_op_supported(const struct scst_device *dev,
			 const struct scst_opcode_desc *op);
void vcdrom_lba_to_msf(u64 lba, u8 *p);
int vcdrom_build_toc(u64 nr_blocks, bool msf, u8 format, u8 track, u8 *buf,
		     unsigned int *bad_byte);
unsigned int vcdrom_build_config(bool media, u8 rt, u16 start, u8 *buf);
unsigned int vcdrom_build_event(u8 classes, u8 event, bool media,
				bool tray_open, u8 *buf);
bool vcdrom_gesn_consumes(u8 classes, u32 alloc_len, u32 buf_len);
#endif

#endif /* _SCST_VCDROM_H */
