// SPDX-License-Identifier: GPL-2.0
/*
 * scst_cdb_fuzz: a seeded random-CDB campaign against one SCSI generic
 * device.
 *
 * Sends COUNT commands through SG_IO to DEVICE: mostly CDBs of the SPC,
 * SBC and MMC commands SCST decodes, with random field values, the others
 * random bytes of a random length; each with a random data direction,
 * transfer length and data-out buffer. Every command must complete with a
 * valid outcome: no error from SG_IO other than the sg driver refusing the
 * request (EINVAL, ENOMEM, EMSGSIZE: "rejected by sg"), host status
 * DID_OK, a SAM status and, with CHECK CONDITION, well-formed sense data
 * whose sense key is not HARDWARE ERROR or MEDIUM ERROR (the LUNs under
 * test have neither hardware nor a medium that can fail) and whose field
 * pointer, if any, lies within the CDB; the residual count must be within
 * the transfer length, and the kernel taint flags must not change.
 *
 * No command that can modify the medium touches the protected LBA range
 * (-p): the LBA ranges of WRITE, WRITE AND VERIFY, WRITE SAME and COMPARE
 * AND WRITE and of every UNMAP block descriptor in the data-out buffer are
 * placed outside it, counting a NUMBER OF LOGICAL BLOCKS of zero as "up to
 * the last block", and FORMAT UNIT, SANITIZE, the variable length CDBs
 * and the other commands that write without an LBA range are never sent.
 * A test can thus check after the run that the protected range still
 * holds what it wrote there.
 *
 * Each command is generated from the seed and its index alone (and from
 * the mode pages read once at the start), so a failure is replayed with
 * the same seed and -f INDEX -n 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>

/* glibc's <scsi/sg.h> lacks the direction of the old interface */
#ifndef SG_DXFER_UNKNOWN
#define SG_DXFER_UNKNOWN	(-5)
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define FZ_MAX_XFER	(256 * 1024)	/* largest SG_IO transfer */
#define FZ_BIG_XFER	(32 * 1024)
#define FZ_CDB_BUF	64		/* CDBs above 32 bytes: sg refuses */
#define FZ_SENSE_LEN	252
#define FZ_MIDLAYER_SENSE 96	/* SCSI_SENSE_BUFFERSIZE */
#define FZ_TIMEOUT_MS	60000
#define FZ_PAYLOAD	512
#define FZ_MAX_PRINTED	25		/* failures shown in detail */
#define FZ_MAX_TIMEOUTS	3		/* hung commands before giving up */
#define FZ_PROGRESS	5000		/* commands between progress lines */

/* SAM status codes */
#define ST_GOOD		0x00
#define ST_CHECK	0x02
#define ST_BUSY		0x08
#define ST_CONFLICT	0x18
#define ST_TSF		0x28
#define ST_ABORTED	0x40

#define DID_OK_		0x00
#define DID_TIME_OUT_	0x03
#define DRIVER_SENSE_	0x08

#define MEDIUM_ERROR_	0x3
#define HARDWARE_ERROR_	0x4

/* How the data-out buffer is filled */
enum fz_fill {
	FILL_RANDOM,
	FILL_ZERO,
	FILL_PAYLOAD,	/* the payload, then random bytes */
	FILL_UNMAP,	/* the payload's header, then safe descriptors */
};

struct fz_cmd {
	uint8_t cdb[FZ_CDB_BUF];
	unsigned int len;
	int dir;		/* the direction the CDB asks for */
	uint64_t want;		/* the bytes it asks to transfer */
	enum fz_fill fill;
	uint8_t payload[FZ_PAYLOAD];
	unsigned int payload_len;
	bool random;		/* a random CDB, not a generated command */
	bool exact;		/* as generated: dir and want are right */
};

/* A mode page as read at the start: current and changeable values */
struct fz_mpage {
	uint8_t cur[32];
	uint8_t chg[32];
	unsigned int len;
};

struct fz_stats {
	unsigned long sent;
	unsigned long random;
	unsigned long good;
	unsigned long check;
	unsigned long key[16];
	unsigned long busy;
	unsigned long conflict;
	unsigned long tsf;
	unsigned long aborted;
	unsigned long rejected;
	unsigned long failures;
	unsigned long timeouts;
	unsigned long op_sent[256];
	unsigned long op_good[256];
	unsigned long asc[65536];
	double slowest;
	unsigned long slowest_idx;
	uint8_t slowest_cdb[FZ_CDB_BUF];
	unsigned int slowest_len;
};

struct fz {
	const char *dev;
	int fd;
	uint64_t seed;
	uint64_t rng;
	uint32_t bs;
	uint64_t cap;		/* capacity in blocks */
	uint64_t prot_lo;	/* protected range: [prot_lo, prot_hi) */
	uint64_t prot_hi;
	bool verbose;
	bool dry_run;
	double budget;		/* seconds, 0 for none */
	int taint_fd;
	unsigned long taint0;
	struct fz_mpage caching;
	struct fz_mpage control;
	uint8_t *buf;
	uint8_t sense[FZ_SENSE_LEN];
	struct fz_stats st;
};

static const char * const fz_key_names[16] = {
	"NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR",
	"HARDWARE ERROR", "ILLEGAL REQUEST", "UNIT ATTENTION", "DATA PROTECT",
	"BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED", "ABORTED COMMAND",
	"KEY 0Ch", "VOLUME OVERFLOW", "MISCOMPARE", "KEY 0Fh",
};

/* ------------------------------------------------------------ PRNG */

static uint64_t fz_splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* xorshift64* */
static uint64_t fz_next(struct fz *f)
{
	uint64_t x = f->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	f->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* uniform in [0, n); 0 for n == 0 */
static uint64_t fz_rnd(struct fz *f, uint64_t n)
{
	uint64_t r = fz_next(f);

	return n ? r % n : 0;
}

/* true with a probability of pct percent */
static bool fz_pct(struct fz *f, unsigned int pct)
{
	return fz_rnd(f, 100) < pct;
}

static uint8_t fz_byte(struct fz *f)
{
	return fz_next(f) >> 56;
}

static void fz_random_bytes(struct fz *f, uint8_t *p, size_t len)
{
	uint64_t r;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		r = fz_next(f);
		memcpy(p + i, &r, 8);
	}
	if (i < len) {
		r = fz_next(f);
		memcpy(p + i, &r, len - i);
	}
}

/* ------------------------------------------------------------ helpers */

static void put_be(uint8_t *p, uint64_t v, unsigned int n)
{
	while (n--) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t get_be(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | *p++;
	return v;
}

static uint64_t fz_field_max(unsigned int bits)
{
	return bits >= 64 ? UINT64_MAX : (1ULL << bits) - 1;
}

static uint64_t fz_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static double fz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fz_print_hex(const char *what, const uint8_t *p, unsigned int n)
{
	unsigned int i;

	printf("%s", what);
	for (i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* ------------------------------------------------------------ safety */

/*
 * Whether writing or unmapping @n blocks from @lba may touch the protected
 * range; a count of zero counts as "up to the last block" (WRITE SAME), and
 * the range is taken as the unbounded integers the SBC defines, so that a
 * range wrapping around 2^64 is safe only if it starts above the protected
 * range. A correct target refuses such a range; one that wraps it writes
 * outside [lba, lba + n) and is caught by the check of the protected data.
 */
static bool fz_range_safe(const struct fz *f, uint64_t lba, uint64_t n)
{
	if (f->prot_lo >= f->prot_hi || lba >= f->prot_hi)
		return true;
	return n && n <= f->prot_lo && lba <= f->prot_lo - n;
}

/*
 * A safe LBA for a range of @n blocks that fits in a field of @bits bits:
 * after the protected range (up to a little beyond the capacity, or near
 * the largest value of the field), or before it. False if there is none.
 */
static bool fz_safe_lba(struct fz *f, uint64_t n, unsigned int bits,
			uint64_t *lba)
{
	uint64_t max = fz_field_max(bits), lo = f->prot_hi, span;
	bool below = n && n <= f->prot_lo && f->prot_lo - n <= max;

	if (f->prot_lo >= f->prot_hi)
		lo = 0;
	if (below && (lo > max || fz_pct(f, 25))) {
		*lba = fz_rnd(f, f->prot_lo - n + 1);
		return true;
	}
	if (lo > max)
		return false;
	if (fz_pct(f, 8) && max - 16 >= lo) {
		*lba = max - fz_rnd(f, 16);
		return true;
	}
	span = (f->cap > lo ? f->cap - lo : 0) + 64;
	*lba = fz_min(lo + fz_rnd(f, span), max);
	return true;
}

/* Where the LBA and the block count of a command writing the medium are */
struct fz_wlayout {
	uint8_t op;
	uint8_t lba_off;
	uint8_t lba_bits;
	uint8_t n_off;
	uint8_t n_len;
};

static const struct fz_wlayout fz_wlayouts[] = {
	{ 0x0a, 1, 21, 4, 1 },	/* WRITE(6): 0 blocks means 256 */
	{ 0x2a, 2, 32, 7, 2 },	/* WRITE(10) */
	{ 0x2e, 2, 32, 7, 2 },	/* WRITE AND VERIFY(10) */
	{ 0x41, 2, 32, 7, 2 },	/* WRITE SAME(10) */
	{ 0x89, 2, 64, 13, 1 },	/* COMPARE AND WRITE */
	{ 0x8a, 2, 64, 10, 4 },	/* WRITE(16) */
	{ 0x8e, 2, 64, 10, 4 },	/* WRITE AND VERIFY(16) */
	{ 0x93, 2, 64, 10, 4 },	/* WRITE SAME(16) */
	{ 0xaa, 2, 32, 6, 4 },	/* WRITE(12) */
	{ 0xae, 2, 32, 6, 4 },	/* WRITE AND VERIFY(12) */
};

/*
 * Opcodes never sent: they write the medium without an LBA range to keep
 * away from the protected one (or one this program does not decode).
 * FORMAT UNIT, REASSIGN BLOCKS, ERASE(10), WRITE BUFFER, UPDATE BLOCK,
 * WRITE LONG(10), SANITIZE, XDWRITE(10), XDWRITEREAD(10), the variable
 * length CDBs (WRITE(32) ...), EXTENDED COPY, ORWRITE(16), ZBC OUT, WRITE
 * STREAM(16), WRITE ATOMIC(16), 9Dh, SERVICE ACTION OUT(16) (WRITE
 * LONG(16)) and BLANK.
 */
static const uint8_t fz_never[] = {
	0x04, 0x07, 0x2c, 0x3b, 0x3d, 0x3f, 0x48, 0x50, 0x53, 0x7f, 0x83,
	0x8b, 0x94, 0x9a, 0x9c, 0x9d, 0x9f, 0xa1,
};

#define FZ_UNMAP	0x42

static bool fz_is_never(uint8_t op)
{
	unsigned int i;

	for (i = 0; i < sizeof(fz_never); i++)
		if (fz_never[i] == op)
			return true;
	return false;
}

static const struct fz_wlayout *fz_wlayout(uint8_t op)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fz_wlayouts); i++)
		if (fz_wlayouts[i].op == op)
			return &fz_wlayouts[i];
	return NULL;
}

/*
 * The LBA range of a command writing the medium, decoded as the target
 * does; the bytes after the CDB length are zero in c->cdb, as in the CDB
 * buffer of the midlayer.
 */
static void fz_wrange(const struct fz_cmd *c, const struct fz_wlayout *w,
		      uint64_t *lba, uint64_t *n)
{
	if (w->op == 0x0a) {
		*lba = get_be(&c->cdb[1], 3) & 0x1fffff;
		*n = c->cdb[4] ? c->cdb[4] : 256;
		return;
	}
	*lba = get_be(&c->cdb[w->lba_off], w->lba_bits / 8);
	*n = get_be(&c->cdb[w->n_off], w->n_len);
}

/* Move the LBA of a command writing the medium out of the way */
static bool fz_clamp_write(struct fz *f, struct fz_cmd *c,
			   const struct fz_wlayout *w)
{
	uint64_t lba, n;

	fz_wrange(c, w, &lba, &n);
	if (fz_range_safe(f, lba, n))
		return true;
	if (!fz_safe_lba(f, n, w->lba_bits, &lba))
		return false;
	if (w->op == 0x0a) {
		c->cdb[1] = (c->cdb[1] & 0xe0) | (lba >> 16);
		put_be(&c->cdb[2], lba, 2);
	} else {
		put_be(&c->cdb[w->lba_off], lba, w->lba_bits / 8);
	}
	fz_wrange(c, w, &lba, &n);
	return fz_range_safe(f, lba, n);
}

/* One UNMAP block descriptor outside the protected range */
static void fz_unmap_desc(struct fz *f, uint8_t *d)
{
	uint64_t lba, n;
	unsigned int r = fz_rnd(f, 100);

	if (r < 10)
		n = 0;
	else if (r < 60)
		n = 1 + fz_rnd(f, 256);
	else if (r < 80)
		n = 1 + fz_rnd(f, 65536);
	else if (r < 90)
		n = fz_next(f) & 0xffffffff;
	else
		n = fz_min(f->cap, 0xffffffff);
	if (!fz_safe_lba(f, n, 64, &lba)) {
		/* nothing fits before it: start after it */
		lba = f->prot_hi + fz_rnd(f, 64);
	}
	put_be(d, lba, 8);
	put_be(d + 8, n, 4);
	put_be(d + 12, fz_pct(f, 90) ? 0 : fz_next(f), 4);
}

/*
 * Final check of a command about to be sent with @len bytes of data-out
 * in f->buf (0 if none): whether it may touch the protected range.
 */
static bool fz_cmd_safe(const struct fz *f, const struct fz_cmd *c,
			unsigned int len)
{
	const struct fz_wlayout *w = fz_wlayout(c->cdb[0]);
	uint64_t lba, n;
	unsigned int off;
	uint8_t d[16];

	if (fz_is_never(c->cdb[0]))
		return false;
	if (w) {
		fz_wrange(c, w, &lba, &n);
		return fz_range_safe(f, lba, n);
	}
	if (c->cdb[0] != FZ_UNMAP)
		return true;
	/* every (partial) descriptor slot after the 8 byte header */
	for (off = 8; off < len; off += 16) {
		memset(d, 0, sizeof(d));
		memcpy(d, f->buf + off, fz_min(16, len - off));
		if (!fz_range_safe(f, get_be(d, 8), get_be(d + 8, 4)))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ fields */

static uint64_t fz_pick_lba(struct fz *f, unsigned int bits)
{
	uint64_t max = fz_field_max(bits);
	unsigned int r = fz_rnd(f, 100);
	uint64_t lba;

	if (r < 45)
		lba = fz_rnd(f, f->cap ? f->cap : 1);
	else if (r < 65)
		lba = f->cap + 16 - fz_rnd(f, 32);
	else if (r < 75)
		lba = fz_rnd(f, 16);
	else if (r < 88)
		lba = fz_next(f);
	else
		lba = max - fz_rnd(f, 16);
	return lba & max;
}

static uint64_t fz_pick_count(struct fz *f, unsigned int bytes)
{
	uint64_t max = fz_field_max(bytes * 8);
	unsigned int r = fz_rnd(f, 100);
	uint64_t n;

	if (r < 15)
		n = 0;
	else if (r < 55)
		n = 1 + fz_rnd(f, 8);
	else if (r < 80)
		n = 1 + fz_rnd(f, 64);
	else if (r < 88)
		n = 1 + fz_rnd(f, FZ_MAX_XFER / f->bs);
	else if (r < 95)
		n = fz_next(f);
	else
		n = max;
	return n & max;
}

static uint64_t fz_pick_alloc(struct fz *f, unsigned int bytes)
{
	uint64_t max = fz_field_max(bytes * 8);
	unsigned int r = fz_rnd(f, 100);
	uint64_t n;

	if (r < 8)
		n = 0;
	else if (r < 35)
		n = 1 + fz_rnd(f, 64);
	else if (r < 65)
		n = 64 + fz_rnd(f, 512);
	else if (r < 80)
		n = fz_rnd(f, 8192);
	else if (r < 92)
		n = fz_next(f);
	else
		n = max;
	return n & max;
}

/* byte 1 flags: mostly none, sometimes the given ones, rarely anything */
static uint8_t fz_flags(struct fz *f, uint8_t likely)
{
	unsigned int r = fz_rnd(f, 100);

	if (r < 60)
		return 0;
	if (r < 95)
		return fz_byte(f) & likely;
	return fz_byte(f);
}

static void fz_control(struct fz *f, struct fz_cmd *c)
{
	c->cdb[c->len - 1] = fz_pct(f, 95) ? 0 : fz_byte(f);
}

static void fz_blocks(struct fz *f, struct fz_cmd *c, int dir, uint64_t n)
{
	c->dir = dir;
	c->want = n > UINT64_MAX / f->bs ? UINT64_MAX : n * f->bs;
}

static void fz_alloc(struct fz_cmd *c, unsigned int off, unsigned int bytes,
		     uint64_t n)
{
	put_be(&c->cdb[off], n, bytes);
	c->dir = SG_DXFER_FROM_DEV;
	c->want = n;
}

/* ------------------------------------------------------------ commands */

static const uint8_t fz_vpd_pages[] = {
	0x00, 0x80, 0x83, 0x86, 0x87, 0x88, 0x89, 0x8f, 0xb0, 0xb1, 0xb2,
	0xb3,
};

static const uint8_t fz_mode_pages[] = {
	0x01, 0x02, 0x08, 0x0a, 0x0a, 0x08, 0x1c, 0x2a, 0x3f, 0x3f, 0x00,
};

/* opcodes SCST decodes, for RSOC and the random CDBs */
static const uint8_t fz_known_ops[] = {
	0x00, 0x03, 0x08, 0x0a, 0x12, 0x15, 0x16, 0x17, 0x1a, 0x1b, 0x1e,
	0x25, 0x28, 0x2a, 0x2e, 0x2f, 0x34, 0x35, 0x41, 0x42, 0x43, 0x46,
	0x4a, 0x4d, 0x51, 0x55, 0x56, 0x57, 0x5a, 0x88, 0x8a, 0x8e, 0x8f,
	0x90, 0x91, 0x93, 0x9e, 0xa0, 0xa3, 0xa8, 0xaa, 0xae, 0xaf, 0xbd,
};

static void gen_tur(struct fz *f, struct fz_cmd *c)
{
	c->len = 6;
	fz_control(f, c);
}

static void gen_request_sense(struct fz *f, struct fz_cmd *c)
{
	c->len = 6;
	c->cdb[0] = 0x03;
	c->cdb[1] = fz_flags(f, 0x01);		/* DESC */
	fz_alloc(c, 4, 1, fz_pct(f, 30) ? 18 : fz_byte(f));
	fz_control(f, c);
}

static void gen_inquiry(struct fz *f, struct fz_cmd *c)
{
	bool evpd = fz_pct(f, 55);

	c->len = 6;
	c->cdb[0] = 0x12;
	c->cdb[1] = evpd;
	if (fz_pct(f, 5))
		c->cdb[1] |= 0x02;		/* obsolete CMDDT */
	if (evpd && fz_pct(f, 75))
		c->cdb[2] = fz_vpd_pages[fz_rnd(f, sizeof(fz_vpd_pages))];
	else if (!evpd && fz_pct(f, 80))
		c->cdb[2] = 0;
	else
		c->cdb[2] = fz_byte(f);
	fz_alloc(c, 3, 2, fz_pct(f, 20) ? 36 : fz_pick_alloc(f, 2));
	fz_control(f, c);
}

static uint8_t fz_mode_page_code(struct fz *f)
{
	uint8_t pc = fz_rnd(f, 4) << 6;	/* current, changeable, ... */

	if (fz_pct(f, 85))
		return pc | fz_mode_pages[fz_rnd(f, sizeof(fz_mode_pages))];
	return pc | (fz_byte(f) & 0x3f);
}

static void gen_mode_sense6(struct fz *f, struct fz_cmd *c)
{
	c->len = 6;
	c->cdb[0] = 0x1a;
	c->cdb[1] = fz_flags(f, 0x08);		/* DBD */
	c->cdb[2] = fz_mode_page_code(f);
	c->cdb[3] = fz_pct(f, 80) ? 0 : (fz_pct(f, 50) ? 0xff : fz_byte(f));
	fz_alloc(c, 4, 1, fz_pct(f, 30) ? 0xff : fz_byte(f));
	fz_control(f, c);
}

static void gen_mode_sense10(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x5a;
	c->cdb[1] = fz_flags(f, 0x18);		/* LLBAA, DBD */
	c->cdb[2] = fz_mode_page_code(f);
	c->cdb[3] = fz_pct(f, 80) ? 0 : (fz_pct(f, 50) ? 0xff : fz_byte(f));
	fz_alloc(c, 7, 2, fz_pick_alloc(f, 2));
	fz_control(f, c);
}

/* A mode page for MODE SELECT: the current one with some bits changed */
static unsigned int fz_mode_page(struct fz *f, uint8_t *p)
{
	const struct fz_mpage *m;
	unsigned int i, len;
	unsigned int r = fz_rnd(f, 100);

	if (r < 10) {
		len = 2 + fz_rnd(f, 20);
		fz_random_bytes(f, p, len);
		p[1] = fz_pct(f, 70) ? len - 2 : fz_byte(f);
		return len;
	}
	m = r < 55 ? &f->caching : &f->control;
	if (!m->len) {
		len = r < 55 ? 20 : 12;
		memset(p, 0, len);
		p[0] = r < 55 ? 0x08 : 0x0a;
		p[1] = len - 2;
		return len;
	}
	len = m->len;
	memcpy(p, m->cur, len);
	p[0] &= 0x3f;				/* PS is reserved */
	for (i = 2; i < len; i++)
		p[i] ^= fz_byte(f) & m->chg[i];
	/* SWP (Control byte 4 bit 3) would fail every write that follows */
	if (m == &f->control && len > 4 && fz_pct(f, 90))
		p[4] &= ~0x08;
	if (fz_pct(f, 8))
		p[fz_rnd(f, len)] ^= 1 << fz_rnd(f, 8);
	return len;
}

/* A MODE SELECT parameter list: header, block descriptor, mode pages */
static void fz_mode_list(struct fz *f, struct fz_cmd *c, bool ms10)
{
	unsigned int hdr = ms10 ? 8 : 4, off = hdr, bd = 0, i, n;
	uint8_t *p = c->payload;
	bool longlba = ms10 && fz_pct(f, 25);

	memset(p, 0, hdr);
	if (fz_pct(f, 8))
		p[fz_rnd(f, hdr)] = fz_byte(f);
	if (fz_pct(f, 30)) {
		bd = longlba ? 16 : 8;
		memset(p + off, 0, bd);
		if (longlba) {
			p[4] |= 0x01;
			put_be(p + off, fz_pct(f, 50) ? 0 : f->cap, 8);
			put_be(p + off + 12, fz_pct(f, 85) ? f->bs :
			       fz_next(f), 4);
		} else {
			put_be(p + off, fz_pct(f, 50) ? 0 : f->cap, 4);
			put_be(p + off + 5, fz_pct(f, 85) ? f->bs :
			       fz_next(f), 3);
		}
		if (fz_pct(f, 10))
			p[off + fz_rnd(f, bd)] ^= fz_byte(f);
		off += bd;
	}
	if (ms10)
		put_be(p + 6, fz_pct(f, 92) ? bd : fz_next(f), 2);
	else
		p[3] = fz_pct(f, 92) ? bd : fz_byte(f);
	n = fz_rnd(f, 3);
	for (i = 0; i < n; i++)
		off += fz_mode_page(f, p + off);
	c->payload_len = off;
	c->fill = FILL_PAYLOAD;
	c->dir = SG_DXFER_TO_DEV;
}

static void gen_mode_select6(struct fz *f, struct fz_cmd *c)
{
	c->len = 6;
	c->cdb[0] = 0x15;
	c->cdb[1] = fz_pct(f, 85) ? 0x10 : fz_flags(f, 0x11);	/* PF, SP */
	fz_mode_list(f, c, false);
	c->want = fz_pct(f, 75) ? c->payload_len : fz_byte(f);
	c->cdb[4] = c->want;
	fz_control(f, c);
}

static void gen_mode_select10(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x55;
	c->cdb[1] = fz_pct(f, 85) ? 0x10 : fz_flags(f, 0x11);
	fz_mode_list(f, c, true);
	c->want = fz_pct(f, 75) ? c->payload_len : fz_pick_alloc(f, 2);
	put_be(&c->cdb[7], c->want, 2);
	fz_control(f, c);
}

static void gen_report_luns(struct fz *f, struct fz_cmd *c)
{
	static const uint8_t sel[] = { 0x00, 0x01, 0x02, 0x10, 0x11, 0x12 };

	c->len = 12;
	c->cdb[0] = 0xa0;
	c->cdb[2] = fz_pct(f, 85) ? sel[fz_rnd(f, sizeof(sel))] : fz_byte(f);
	fz_alloc(c, 6, 4, fz_pct(f, 30) ? 16 + 8 * fz_rnd(f, 8) :
		 fz_pick_alloc(f, 4));
	fz_control(f, c);
}

static void gen_rsoc(struct fz *f, struct fz_cmd *c)
{
	c->len = 12;
	c->cdb[0] = 0xa3;
	c->cdb[1] = 0x0c;
	c->cdb[2] = fz_pct(f, 90) ? fz_byte(f) & 0x87 : fz_byte(f);
	c->cdb[3] = fz_pct(f, 70) ?
		fz_known_ops[fz_rnd(f, sizeof(fz_known_ops))] : fz_byte(f);
	put_be(&c->cdb[4], fz_pct(f, 70) ? fz_rnd(f, 0x20) : fz_next(f), 2);
	fz_alloc(c, 6, 4, fz_pick_alloc(f, 4));
	fz_control(f, c);
}

static void gen_rstmf(struct fz *f, struct fz_cmd *c)
{
	c->len = 12;
	c->cdb[0] = 0xa3;
	c->cdb[1] = 0x0d;
	c->cdb[2] = fz_flags(f, 0x80);		/* REPD */
	fz_alloc(c, 6, 4, fz_pct(f, 40) ? 4 + 12 * fz_rnd(f, 2) :
		 fz_pick_alloc(f, 4));
	fz_control(f, c);
}

static void gen_read_capacity10(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x25;
	if (fz_pct(f, 20))
		put_be(&c->cdb[2], fz_pick_lba(f, 32), 4);
	c->cdb[8] = fz_flags(f, 0x01);		/* PMI */
	c->dir = SG_DXFER_FROM_DEV;
	c->want = 8;
	fz_control(f, c);
}

static void gen_sai16(struct fz *f, struct fz_cmd *c, uint8_t sa)
{
	c->len = 16;
	c->cdb[0] = 0x9e;
	c->cdb[1] = sa;
	if (sa == 0x12 || fz_pct(f, 20))
		put_be(&c->cdb[2], fz_pick_lba(f, 64), 8);
	fz_alloc(c, 10, 4, fz_pct(f, 30) ? 32 : fz_pick_alloc(f, 4));
	c->cdb[14] = fz_flags(f, 0x01);		/* PMI */
	fz_control(f, c);
}

static void gen_read_capacity16(struct fz *f, struct fz_cmd *c)
{
	gen_sai16(f, c, 0x10);
}

static void gen_get_lba_status(struct fz *f, struct fz_cmd *c)
{
	gen_sai16(f, c, 0x12);
}

/*
 * READ, WRITE, VERIFY, WRITE AND VERIFY, WRITE SAME, SYNCHRONIZE CACHE,
 * PRE-FETCH of 10, 12 and 16 bytes: flags, LBA, group number, count.
 */
static void fz_rw(struct fz *f, struct fz_cmd *c, uint8_t op,
		  unsigned int len, uint8_t likely_flags)
{
	unsigned int lba_bytes = len == 16 ? 8 : 4;
	unsigned int n_off = len == 10 ? 7 : lba_bytes + 2;
	unsigned int n_len = len == 10 ? 2 : 4;
	uint64_t n = fz_pick_count(f, n_len);

	c->len = len;
	c->cdb[0] = op;
	c->cdb[1] = fz_flags(f, likely_flags);
	put_be(&c->cdb[2], fz_pick_lba(f, lba_bytes * 8), lba_bytes);
	put_be(&c->cdb[n_off], n, n_len);
	if (fz_pct(f, 5))			/* GROUP NUMBER */
		c->cdb[len == 10 ? 6 : len - 2] = fz_byte(f) & 0x3f;
	fz_blocks(f, c, SG_DXFER_NONE, n);
	fz_control(f, c);
}

static void gen_read6(struct fz *f, struct fz_cmd *c)
{
	uint64_t lba = fz_pick_lba(f, 21);

	c->len = 6;
	c->cdb[0] = 0x08;
	c->cdb[1] = (lba >> 16) | (fz_pct(f, 3) ? fz_byte(f) & 0xe0 : 0);
	put_be(&c->cdb[2], lba, 2);
	if (fz_pct(f, 60))
		c->cdb[4] = 1 + fz_rnd(f, 8);
	else
		c->cdb[4] = fz_pct(f, 25) ? 0 : fz_byte(f);
	fz_blocks(f, c, SG_DXFER_FROM_DEV, c->cdb[4] ? c->cdb[4] : 256);
	fz_control(f, c);
}

static void gen_write6(struct fz *f, struct fz_cmd *c)
{
	gen_read6(f, c);
	c->cdb[0] = 0x0a;
	c->dir = SG_DXFER_TO_DEV;
}

static const uint8_t fz_rw_ops[][3] = {
	/* 10, 12, 16 bytes */
	{ 0x28, 0xa8, 0x88 },	/* READ */
	{ 0x2a, 0xaa, 0x8a },	/* WRITE */
	{ 0x2e, 0xae, 0x8e },	/* WRITE AND VERIFY */
	{ 0x2f, 0xaf, 0x8f },	/* VERIFY */
};

static unsigned int fz_rw_len(struct fz *f)
{
	static const unsigned int lens[] = { 10, 12, 16 };

	return lens[fz_rnd(f, 3)];
}

static unsigned int fz_rw_idx(unsigned int len)
{
	return len == 10 ? 0 : (len == 12 ? 1 : 2);
}

static void gen_read(struct fz *f, struct fz_cmd *c)
{
	unsigned int len = fz_rw_len(f);

	/* RDPROTECT, DPO, FUA, RARC */
	fz_rw(f, c, fz_rw_ops[0][fz_rw_idx(len)], len, 0x1c);
	c->dir = SG_DXFER_FROM_DEV;
}

static void gen_write(struct fz *f, struct fz_cmd *c)
{
	unsigned int len = fz_rw_len(f);

	fz_rw(f, c, fz_rw_ops[1][fz_rw_idx(len)], len, 0x18);
	c->dir = SG_DXFER_TO_DEV;
}

static void gen_write_verify(struct fz *f, struct fz_cmd *c)
{
	unsigned int len = fz_rw_len(f);

	fz_rw(f, c, fz_rw_ops[2][fz_rw_idx(len)], len, 0x12);	/* BYTCHK */
	c->dir = SG_DXFER_TO_DEV;
}

static void gen_verify(struct fz *f, struct fz_cmd *c)
{
	unsigned int len = fz_rw_len(f);
	uint64_t n;

	fz_rw(f, c, fz_rw_ops[3][fz_rw_idx(len)], len, 0x16);	/* BYTCHK */
	if (fz_pct(f, 60))
		c->cdb[1] = (c->cdb[1] & ~0x06) | fz_rnd(f, 4) << 1;
	n = c->want / f->bs;
	switch ((c->cdb[1] >> 1) & 3) {
	case 0:
		c->dir = SG_DXFER_NONE;
		c->want = 0;
		break;
	case 3:
		c->dir = SG_DXFER_TO_DEV;
		c->want = n ? f->bs : 0;
		break;
	default:
		c->dir = SG_DXFER_TO_DEV;
		break;
	}
	/* zeroes match unmapped blocks; random data does not */
	c->fill = fz_pct(f, 50) ? FILL_ZERO : FILL_RANDOM;
}

static void gen_write_same(struct fz *f, struct fz_cmd *c)
{
	bool ws16 = fz_pct(f, 55);

	/* ANCHOR, UNMAP, PBDATA, LBDATA, NDOB (16) */
	fz_rw(f, c, ws16 ? 0x93 : 0x41, ws16 ? 16 : 10, ws16 ? 0x19 : 0x18);
	if (fz_pct(f, 30))
		c->cdb[1] |= 0x08;			/* UNMAP */
	/* no count, "up to the last block", only now and then */
	if (fz_pct(f, 95) && !get_be(&c->cdb[ws16 ? 10 : 7], ws16 ? 4 : 2))
		c->cdb[ws16 ? 13 : 8] = 1 + fz_rnd(f, 64);
	c->dir = SG_DXFER_TO_DEV;
	c->want = ws16 && (c->cdb[1] & 0x01) ? 0 : f->bs;
	if (!c->want)
		c->dir = SG_DXFER_NONE;
	c->fill = fz_pct(f, 50) ? FILL_ZERO : FILL_RANDOM;
}

static void gen_compare_and_write(struct fz *f, struct fz_cmd *c)
{
	c->len = 16;
	c->cdb[0] = 0x89;
	c->cdb[1] = fz_flags(f, 0x18);
	put_be(&c->cdb[2], fz_pick_lba(f, 64), 8);
	c->cdb[13] = fz_pct(f, 80) ? 1 + fz_rnd(f, 4) : fz_byte(f);
	fz_blocks(f, c, SG_DXFER_TO_DEV, 2 * c->cdb[13]);
	fz_control(f, c);
}

static void gen_unmap(struct fz *f, struct fz_cmd *c)
{
	unsigned int nd = fz_rnd(f, 9), plen = 8 + 16 * nd;
	uint8_t *h = c->payload;

	c->len = 10;
	c->cdb[0] = FZ_UNMAP;
	c->cdb[1] = fz_pct(f, 90) ? 0 : fz_flags(f, 0x01);	/* ANCHOR */
	if (fz_pct(f, 5))
		c->cdb[6] = fz_byte(f) & 0x3f;
	if (fz_pct(f, 20))
		plen = fz_pct(f, 50) ? fz_rnd(f, 64) : fz_pick_alloc(f, 2);
	put_be(&c->cdb[7], plen, 2);
	c->dir = SG_DXFER_TO_DEV;
	c->want = plen;
	/*
	 * The header: honest, or lying about the lengths. The descriptors
	 * all lie outside the protected range, however many the target
	 * takes the header to announce.
	 */
	memset(h, 0, 8);
	if (fz_pct(f, 60)) {
		put_be(h, plen >= 2 ? plen - 2 : 0, 2);
		put_be(h + 2, plen >= 8 ? (plen - 8) & ~15U : 0, 2);
	} else {
		put_be(h, fz_pct(f, 50) ? plen - 2 + fz_rnd(f, 33) - 16 :
		       fz_next(f), 2);
		put_be(h + 2, fz_pct(f, 50) ? 16 * fz_rnd(f, 300) +
		       (fz_pct(f, 30) ? fz_rnd(f, 16) : 0) : fz_next(f), 2);
		if (fz_pct(f, 20))
			put_be(h + 4, fz_next(f), 4);
	}
	c->payload_len = 8;
	c->fill = FILL_UNMAP;
	fz_control(f, c);
}

static void gen_sync_prefetch(struct fz *f, struct fz_cmd *c)
{
	static const uint8_t ops[] = { 0x35, 0x91, 0x34, 0x90 };
	uint8_t op = ops[fz_rnd(f, 4)];

	/* IMMED, SYNC_NV */
	fz_rw(f, c, op, op & 0x80 ? 16 : 10, 0x06);
	c->dir = SG_DXFER_NONE;
	c->want = 0;
}

static void gen_start_stop(struct fz *f, struct fz_cmd *c)
{
	unsigned int r = fz_rnd(f, 100);

	c->len = 6;
	c->cdb[0] = 0x1b;
	c->cdb[1] = fz_flags(f, 0x01);		/* IMMED */
	if (r < 45)
		c->cdb[4] = 0x03;		/* load */
	else if (r < 55)
		c->cdb[4] = 0x02;		/* eject */
	else if (r < 80)
		c->cdb[4] = fz_rnd(f, 8) & 0x05;	/* START, NO_FLUSH */
	else
		c->cdb[4] = fz_byte(f);
	if (fz_pct(f, 5))
		c->cdb[3] = fz_byte(f);
	fz_control(f, c);
}

static void gen_prevent(struct fz *f, struct fz_cmd *c)
{
	c->len = 6;
	c->cdb[0] = 0x1e;
	c->cdb[4] = fz_pct(f, 90) ? fz_rnd(f, 4) : fz_byte(f);
	fz_control(f, c);
}

static void gen_reserve_release(struct fz *f, struct fz_cmd *c)
{
	static const uint8_t ops[] = { 0x16, 0x17, 0x56, 0x57 };
	uint8_t op = ops[fz_rnd(f, 4)];

	c->cdb[0] = op;
	if (op < 0x20) {
		c->len = 6;
		if (fz_pct(f, 10))
			c->cdb[1 + fz_rnd(f, 4)] = fz_byte(f);
	} else {
		c->len = 10;
		c->cdb[1] = fz_flags(f, 0x12);	/* 3RDPTY, LONGID */
		if (fz_pct(f, 10))
			c->cdb[3] = fz_byte(f);
		if (fz_pct(f, 10)) {
			put_be(&c->cdb[7], fz_rnd(f, 32), 2);
			c->dir = SG_DXFER_TO_DEV;
			c->want = get_be(&c->cdb[7], 2);
		}
	}
	fz_control(f, c);
}

static void gen_get_configuration(struct fz *f, struct fz_cmd *c)
{
	static const uint16_t feat[] = { 0, 1, 2, 3, 0x10, 0x1e, 0x100 };

	c->len = 10;
	c->cdb[0] = 0x46;
	c->cdb[1] = fz_pct(f, 90) ? fz_rnd(f, 4) : fz_byte(f);	/* RT */
	put_be(&c->cdb[2], fz_pct(f, 75) ? feat[fz_rnd(f, 7)] : fz_next(f),
	       2);
	fz_alloc(c, 7, 2, fz_pick_alloc(f, 2));
	fz_control(f, c);
}

static void gen_gesn(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x4a;
	c->cdb[1] = fz_pct(f, 90) ? 0x01 : fz_byte(f);		/* POLLED */
	c->cdb[4] = fz_pct(f, 50) ? 0x10 : fz_byte(f);		/* media */
	fz_alloc(c, 7, 2, fz_pct(f, 40) ? 8 : fz_pick_alloc(f, 2));
	fz_control(f, c);
}

static void gen_read_toc(struct fz *f, struct fz_cmd *c)
{
	static const uint8_t track[] = { 0, 1, 0xaa, 2 };

	c->len = 10;
	c->cdb[0] = 0x43;
	c->cdb[1] = fz_flags(f, 0x02);		/* MSF */
	c->cdb[2] = fz_pct(f, 80) ? fz_rnd(f, 3) : fz_byte(f);	/* FORMAT */
	c->cdb[6] = fz_pct(f, 80) ? track[fz_rnd(f, 4)] : fz_byte(f);
	fz_alloc(c, 7, 2, fz_pick_alloc(f, 2));
	fz_control(f, c);
	if (fz_pct(f, 10))			/* the pre-MMC format bits */
		c->cdb[9] = fz_rnd(f, 4) << 6;
}

static void gen_mechanism_status(struct fz *f, struct fz_cmd *c)
{
	c->len = 12;
	c->cdb[0] = 0xbd;
	fz_alloc(c, 8, 2, fz_pick_alloc(f, 2));
	fz_control(f, c);
}

static void gen_read_disc_info(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x51;
	c->cdb[1] = fz_pct(f, 90) ? fz_rnd(f, 8) : fz_byte(f);	/* TYPE */
	fz_alloc(c, 7, 2, fz_pct(f, 30) ? 34 : fz_pick_alloc(f, 2));
	fz_control(f, c);
}

static void gen_log_sense(struct fz *f, struct fz_cmd *c)
{
	c->len = 10;
	c->cdb[0] = 0x4d;
	c->cdb[1] = fz_flags(f, 0x03);		/* PPC, SP */
	c->cdb[2] = (fz_rnd(f, 4) << 6) |
		(fz_pct(f, 60) ? (fz_pct(f, 50) ? 0 : 0x0d) : fz_byte(f) & 0x3f);
	c->cdb[3] = fz_pct(f, 85) ? 0 : fz_byte(f);
	if (fz_pct(f, 10))
		put_be(&c->cdb[5], fz_next(f), 2);
	fz_alloc(c, 7, 2, fz_pick_alloc(f, 2));
	fz_control(f, c);
}

struct fz_gen {
	void (*fn)(struct fz *f, struct fz_cmd *c);
	unsigned int weight;
};

static const struct fz_gen fz_gens[] = {
	{ gen_tur, 4 },
	{ gen_request_sense, 3 },
	{ gen_inquiry, 8 },
	{ gen_mode_sense6, 4 },
	{ gen_mode_sense10, 4 },
	{ gen_mode_select6, 4 },
	{ gen_mode_select10, 4 },
	{ gen_report_luns, 3 },
	{ gen_rsoc, 4 },
	{ gen_rstmf, 1 },
	{ gen_read_capacity10, 3 },
	{ gen_read_capacity16, 3 },
	{ gen_get_lba_status, 3 },
	{ gen_read6, 3 },
	{ gen_read, 12 },
	{ gen_write6, 3 },
	{ gen_write, 12 },
	{ gen_write_verify, 4 },
	{ gen_verify, 6 },
	{ gen_write_same, 7 },
	{ gen_compare_and_write, 1 },
	{ gen_unmap, 6 },
	{ gen_sync_prefetch, 6 },
	{ gen_start_stop, 2 },
	{ gen_prevent, 2 },
	{ gen_reserve_release, 2 },
	{ gen_get_configuration, 3 },
	{ gen_gesn, 3 },
	{ gen_read_toc, 3 },
	{ gen_mechanism_status, 2 },
	{ gen_read_disc_info, 2 },
	{ gen_log_sense, 2 },
};

static void fz_gen_structured(struct fz *f, struct fz_cmd *c)
{
	unsigned int total = 0, i, r, nflip, len;

	for (i = 0; i < ARRAY_SIZE(fz_gens); i++)
		total += fz_gens[i].weight;
	r = fz_rnd(f, total);
	for (i = 0; r >= fz_gens[i].weight; i++)
		r -= fz_gens[i].weight;
	fz_gens[i].fn(f, c);
	c->exact = true;

	/* flip a few bits after the opcode */
	if (fz_pct(f, 8)) {
		c->exact = false;
		nflip = 1 + fz_rnd(f, 3);
		while (nflip--)
			c->cdb[1 + fz_rnd(f, c->len - 1)] ^= 1 << fz_rnd(f, 8);
	}
	/* a CDB shorter or longer than the command's */
	if (fz_pct(f, 3)) {
		c->exact = false;
		len = fz_pct(f, 50) ? 1 + fz_rnd(f, c->len) :
			c->len + 1 + fz_rnd(f, 16);
		if (len > c->len)
			fz_random_bytes(f, c->cdb + c->len, len - c->len);
		else
			memset(c->cdb + len, 0, c->len - len);
		c->len = len;
	}
}

static void fz_gen_random(struct fz *f, struct fz_cmd *c)
{
	static const unsigned int group_len[8] = { 6, 10, 10, 0, 16, 12, 0,
						   0 };
	static const unsigned int lens[] = { 6, 10, 12, 16 };
	static const int dirs[] = {
		SG_DXFER_NONE, SG_DXFER_TO_DEV, SG_DXFER_FROM_DEV,
	};
	unsigned int r = fz_rnd(f, 100);
	uint8_t op;

	c->random = true;
	do {
		op = fz_pct(f, 50) ?
			fz_known_ops[fz_rnd(f, sizeof(fz_known_ops))] :
			fz_byte(f);
	} while (fz_is_never(op));
	if (r < 40 && group_len[op >> 5])
		c->len = group_len[op >> 5];
	else if (r < 80)
		c->len = lens[fz_rnd(f, 4)];
	else if (r < 98)
		c->len = 6 + fz_rnd(f, 27);
	else if (fz_pct(f, 50))
		c->len = 1 + fz_rnd(f, 5);	/* sg refuses these */
	else
		c->len = 33 + fz_rnd(f, FZ_CDB_BUF - 32);
	fz_random_bytes(f, c->cdb, c->len);
	c->cdb[0] = op;
	c->dir = dirs[fz_rnd(f, 3)];
	c->want = c->dir == SG_DXFER_NONE ? 0 : fz_pick_alloc(f, 2);
	if (op == FZ_UNMAP) {
		c->fill = FILL_UNMAP;
		c->payload_len = 8;
		fz_random_bytes(f, c->payload, 8);
	}
}

/* Pick the direction and length of the transfer SG_IO asks for */
static void fz_pick_xfer(struct fz *f, const struct fz_cmd *c, int *dir,
			 unsigned int *len)
{
	static const int dirs[] = {
		SG_DXFER_NONE, SG_DXFER_TO_DEV, SG_DXFER_FROM_DEV,
		SG_DXFER_TO_FROM_DEV, SG_DXFER_UNKNOWN,
	};
	uint64_t want = fz_min(c->want, FZ_MAX_XFER);
	unsigned int r;

	*dir = fz_pct(f, 80) ? c->dir : dirs[fz_rnd(f, 5)];
	r = fz_rnd(f, 100);
	if (*dir == SG_DXFER_NONE)
		*len = r < 85 ? 0 : fz_rnd(f, 4097);
	else if (r < 60)
		*len = want;
	else if (r < 66)
		*len = 0;
	else if (r < 77)
		*len = want ? fz_rnd(f, want) : fz_rnd(f, 513);
	else if (r < 87)
		*len = want + 1 + fz_rnd(f, 4096);
	else if (r < 93)
		*len = 1 + fz_rnd(f, 4096);
	else if (r < 97)
		*len = f->bs * (1 + fz_rnd(f, FZ_MAX_XFER / f->bs));
	else
		*len = 1 + fz_rnd(f, FZ_MAX_XFER);
	/* large transfers only now and then: they cost time, not coverage */
	if (*len > FZ_BIG_XFER && fz_pct(f, 80))
		*len = fz_rnd(f, FZ_BIG_XFER + 1);
	if (*len > FZ_MAX_XFER)
		*len = FZ_MAX_XFER;
}

static void fz_fill(struct fz *f, const struct fz_cmd *c, unsigned int len)
{
	unsigned int off, n;
	uint8_t d[16];

	switch (c->fill) {
	case FILL_ZERO:
		memset(f->buf, 0, len);
		if (fz_pct(f, 10))	/* or not quite */
			fz_random_bytes(f, f->buf + fz_rnd(f, len), 1);
		break;
	case FILL_PAYLOAD:
		n = fz_min(len, c->payload_len);
		memcpy(f->buf, c->payload, n);
		fz_random_bytes(f, f->buf + n, len - n);
		break;
	case FILL_UNMAP:
		memcpy(f->buf, c->payload, fz_min(len, 8));
		for (off = 8; off < len; off += 16) {
			fz_unmap_desc(f, d);
			memcpy(f->buf + off, d, fz_min(16, len - off));
		}
		break;
	default:
		fz_random_bytes(f, f->buf, len);
		break;
	}
}

/*
 * Generate command @idx: its CDB and, in f->buf, its data-out; the
 * direction and length of the transfer in @dir and @len.
 */
static void fz_generate(struct fz *f, unsigned long idx, struct fz_cmd *c,
			int *dir, unsigned int *len)
{
	const struct fz_wlayout *w;

	f->rng = fz_splitmix(f->seed ^ fz_splitmix(idx)) | 1;
	for (;;) {
		memset(c, 0, sizeof(*c));
		c->dir = SG_DXFER_NONE;
		if (fz_pct(f, 80))
			fz_gen_structured(f, c);
		else
			fz_gen_random(f, c);
		w = fz_wlayout(c->cdb[0]);
		if (w && !fz_clamp_write(f, c, w))
			continue;
		/* what the target sees after a shortened CDB: zeroes */
		memset(c->cdb + c->len, 0, FZ_CDB_BUF - c->len);
		fz_pick_xfer(f, c, dir, len);
		if (*len && (*dir == SG_DXFER_TO_DEV ||
			     *dir == SG_DXFER_TO_FROM_DEV ||
			     c->fill == FILL_UNMAP))
			fz_fill(f, c, *len);
		if (fz_cmd_safe(f, c, *len))
			return;
	}
}

/* ------------------------------------------------------------ checks */

static const char *fz_dir_name(int dir)
{
	switch (dir) {
	case SG_DXFER_NONE:
		return "none";
	case SG_DXFER_TO_DEV:
		return "out";
	case SG_DXFER_FROM_DEV:
		return "in";
	case SG_DXFER_TO_FROM_DEV:
		return "in+out";
	default:
		return "unknown";
	}
}

static unsigned long fz_taint(struct fz *f)
{
	char b[32];
	ssize_t n;

	if (f->taint_fd < 0)
		return 0;
	n = pread(f->taint_fd, b, sizeof(b) - 1, 0);
	if (n <= 0)
		return 0;
	b[n] = 0;
	return strtoul(b, NULL, 10);
}

/*
 * Check the sense data of a CHECK CONDITION; returns NULL if it is valid,
 * else what is wrong. Sets *key, *asc (ASC << 8 | ASCQ).
 */
static const char *fz_check_sense(const struct fz *f, const struct fz_cmd *c,
				  unsigned int n, unsigned int *key,
				  unsigned int *asc)
{
	const uint8_t *s = f->sense;
	const uint8_t *sks = NULL;
	unsigned int rc, total, i;
	bool cut = false;

	if (n < 8)
		return "CHECK CONDITION with less than 8 bytes of sense data";
	rc = s[0] & 0x7f;
	if (rc < 0x70 || rc > 0x73)
		return "sense data response code is not 70h-73h";
	if (rc <= 0x71) {
		if (n < 14 || s[7] < 6)
			return "fixed format sense data shorter than 14 bytes";
		*key = s[2] & 0x0f;
		*asc = s[12] << 8 | s[13];
		if (n >= 18 && s[7] >= 10)
			sks = &s[15];
	} else {
		*key = s[1] & 0x0f;
		*asc = s[2] << 8 | s[3];
		total = 8 + s[7];
		/* the midlayer keeps at most SCSI_SENSE_BUFFERSIZE bytes */
		if (total > n && n < FZ_MIDLAYER_SENSE)
			return "ADDITIONAL SENSE LENGTH beyond the sense data";
		if (total > n) {
			total = n;
			cut = true;
		}
		for (i = 8; i + 2 <= total; i += 2 + s[i + 1]) {
			if (i + 2 + s[i + 1] > total && !cut)
				return "sense data descriptor beyond the sense data";
			if (s[i] == 0x02 && s[i + 1] >= 6 && i + 8 <= total)
				sks = &s[i + 4];
		}
	}
	if (*key == HARDWARE_ERROR_)
		return "HARDWARE ERROR";
	if (*key == MEDIUM_ERROR_)
		return "MEDIUM ERROR";
	if (*key == 0x9 || *key == 0xc || *key == 0xf)
		return "reserved or vendor specific sense key";
	/* SKSV, C/D: a field pointer into the CDB must point into it */
	if (*key == 0x5 && sks && (sks[0] & 0xc0) == 0xc0 &&
	    get_be(&sks[1], 2) >= c->len)
		return "sense key specific FIELD POINTER beyond the CDB";
	return NULL;
}

static void fz_fail(struct fz *f, unsigned long idx, const struct fz_cmd *c,
		    int dir, unsigned int len, const struct sg_io_hdr *h,
		    int err, const char *why)
{
	f->st.failures++;
	if (f->st.failures > FZ_MAX_PRINTED) {
		if (f->st.failures == FZ_MAX_PRINTED + 1)
			printf("# (further failures not shown)\n");
		return;
	}
	printf("# FAIL #%lu: %s\n", idx, why);
	fz_print_hex("#   cdb:", c->cdb, c->len);
	if (err) {
		printf("#   dir %s, %u bytes: SG_IO: %s\n", fz_dir_name(dir), len,
		       strerror(err));
	} else {
		printf("#   dir %s, %u bytes: status 0x%02x host 0x%02x",
		       fz_dir_name(dir), len, h->status, h->host_status);
		printf(" driver 0x%02x resid %d duration %u ms\n",
		       h->driver_status, h->resid, h->duration);
		if (h->sb_len_wr)
			fz_print_hex("#   sense:", f->sense, h->sb_len_wr);
	}
	printf("#   replay: scst_cdb_fuzz -s %llu -f %lu -n 1 -b %u -c %llu -p %llu:%llu %s\n",
	       (unsigned long long)f->seed, idx, f->bs,
	       (unsigned long long)f->cap, (unsigned long long)f->prot_lo,
	       (unsigned long long)(f->prot_hi - f->prot_lo), f->dev);
	fflush(stdout);
}

/* Send command @idx and check its outcome; false to stop the run */
static bool fz_one(struct fz *f, unsigned long idx)
{
	struct fz_cmd c;
	struct sg_io_hdr h;
	const char *why = NULL;
	unsigned int len, key = 0, asc = 0;
	unsigned long taint;
	double t0, dt;
	int dir, err = 0;

	fz_generate(f, idx, &c, &dir, &len);
	if (f->verbose || f->dry_run) {
		printf("# #%lu dir %s len %u", idx, fz_dir_name(dir), len);
		fz_print_hex(" cdb", c.cdb, c.len);
		if (f->dry_run && c.cdb[0] == FZ_UNMAP && len)
			fz_print_hex("#   data:", f->buf, len);
		fflush(stdout);
	}
	if (f->dry_run)
		return true;
	memset(&h, 0, sizeof(h));
	h.interface_id = 'S';
	h.dxfer_direction = dir;
	h.cmd_len = c.len;
	h.mx_sb_len = sizeof(f->sense);
	h.dxfer_len = len;
	h.dxferp = f->buf;
	h.cmdp = c.cdb;
	h.sbp = f->sense;
	h.timeout = FZ_TIMEOUT_MS;

	t0 = fz_now();
	if (ioctl(f->fd, SG_IO, &h) < 0)
		err = errno;
	dt = fz_now() - t0;

	f->st.sent++;
	f->st.random += c.random;
	f->st.op_sent[c.cdb[0]]++;
	if (dt > f->st.slowest) {
		f->st.slowest = dt;
		f->st.slowest_idx = idx;
		memcpy(f->st.slowest_cdb, c.cdb, sizeof(c.cdb));
		f->st.slowest_len = c.len;
	}

	if (err == EINVAL || err == ENOMEM || err == EMSGSIZE) {
		f->st.rejected++;
		return true;
	}
	if (err) {
		fz_fail(f, idx, &c, dir, len, &h, err, "SG_IO failed");
		return err != ENODEV && err != ENXIO;
	}
	if (h.host_status != DID_OK_) {
		why = h.host_status == DID_TIME_OUT_ ?
			"timed out (DID_TIME_OUT)" : "host status not DID_OK";
		if (h.host_status == DID_TIME_OUT_)
			f->st.timeouts++;
	} else if (h.driver_status & ~DRIVER_SENSE_) {
		why = "driver status";
	} else if (h.resid < 0 || (unsigned int)h.resid > len) {
		why = "residual count outside 0..dxfer_len";
	} else {
		switch (h.status) {
		case ST_GOOD:
			f->st.good++;
			f->st.op_good[c.cdb[0]]++;
			/*
			 * No more data-in than the allocation or transfer
			 * length of the CDB (SPC-4 4.2.5.6)
			 */
			if (c.exact && c.dir == SG_DXFER_FROM_DEV &&
			    dir != SG_DXFER_NONE && dir != SG_DXFER_TO_DEV &&
			    len - h.resid > c.want)
				why = "GOOD, but more data-in than the CDB allows";
			break;
		case ST_CHECK:
			why = fz_check_sense(f, &c, h.sb_len_wr, &key, &asc);
			if (!why) {
				f->st.check++;
				f->st.key[key]++;
				f->st.asc[asc]++;
			}
			break;
		case ST_BUSY:
			f->st.busy++;
			break;
		case ST_CONFLICT:
			f->st.conflict++;
			break;
		case ST_TSF:
			f->st.tsf++;
			break;
		case ST_ABORTED:
			f->st.aborted++;
			break;
		default:
			why = "not a SAM status";
			break;
		}
	}
	taint = fz_taint(f);
	if (!why && (taint & ~f->taint0)) {
		why = "the kernel taint flags changed: see the kernel log";
		f->taint0 = taint;
	}
	if (why)
		fz_fail(f, idx, &c, dir, len, &h, 0, why);
	return f->st.timeouts < FZ_MAX_TIMEOUTS;
}

/* ------------------------------------------------------------ setup */

/* A command outside the campaign, retried over unit attentions */
static int fz_simple(struct fz *f, const uint8_t *cdb, unsigned int cdb_len,
		     unsigned int len)
{
	struct sg_io_hdr h;
	int i;

	for (i = 0; i < 4; i++) {
		memset(&h, 0, sizeof(h));
		h.interface_id = 'S';
		h.dxfer_direction = SG_DXFER_FROM_DEV;
		h.cmd_len = cdb_len;
		h.mx_sb_len = sizeof(f->sense);
		h.dxfer_len = len;
		h.dxferp = f->buf;
		h.cmdp = (uint8_t *)cdb;
		h.sbp = f->sense;
		h.timeout = FZ_TIMEOUT_MS;
		memset(f->buf, 0, len);
		if (ioctl(f->fd, SG_IO, &h) < 0)
			return -1;
		if (!h.host_status && h.status == ST_GOOD)
			return len - h.resid;
	}
	return -1;
}

/* The block size and capacity, from READ CAPACITY(10) */
static int fz_probe_capacity(struct fz *f)
{
	uint8_t cdb[10] = { 0x25 };

	if (fz_simple(f, cdb, sizeof(cdb), 8) < 8)
		return -1;
	if (!f->cap)
		f->cap = get_be(f->buf, 4) + 1;
	if (!f->bs)
		f->bs = get_be(f->buf + 4, 4);
	return 0;
}

/* The Caching and Control mode pages, current values and changeable */
static void fz_read_mode_pages(struct fz *f)
{
	uint8_t cdb[10] = { 0x5a, 0x08, 0x3f, 0, 0, 0, 0, 0x10, 0x00, 0 };
	struct fz_mpage *m;
	unsigned int pc, off, end, plen;
	int n;

	for (pc = 0; pc < 2; pc++) {
		cdb[2] = pc << 6 | 0x3f;
		n = fz_simple(f, cdb, sizeof(cdb), 4096);
		if (n < 8)
			return;
		end = fz_min(n, 2 + get_be(f->buf, 2));
		for (off = 8 + get_be(f->buf + 6, 2); off + 2 <= end;
		     off += plen) {
			plen = 2 + f->buf[off + 1];
			if (f->buf[off] & 0x40)	/* sub-page format */
				plen = off + 4 <= end ?
					4 + get_be(f->buf + off + 2, 2) : end;
			if (off + plen > end)
				break;
			switch (f->buf[off] & 0x3f) {
			case 0x08:
				m = &f->caching;
				break;
			case 0x0a:
				m = &f->control;
				break;
			default:
				continue;
			}
			if (f->buf[off] & 0x40 || plen > sizeof(m->cur))
				continue;
			memcpy(pc ? m->chg : m->cur, f->buf + off, plen);
			m->len = plen;
		}
	}
}

static void fz_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-n COUNT] [-s SEED] [-f FIRST] [-b BLOCK_SIZE] [-c CAPACITY]\n"
		"\t[-p LBA:BLOCKS] [-t SECONDS] [-v] [-d] /dev/sgN\n"
		"  -n COUNT        commands to send (default 1000)\n"
		"  -s SEED         seed (default: from the time)\n"
		"  -f FIRST        index of the first command (default 0)\n"
		"  -b BLOCK_SIZE   logical block size (default: READ CAPACITY)\n"
		"  -c CAPACITY     capacity in blocks (default: READ CAPACITY)\n"
		"  -p LBA:BLOCKS   protected range: nothing writes or unmaps it\n"
		"  -t SECONDS      stop after this time (default: no limit)\n"
		"  -v              print every command before sending it\n"
		"  -d              dry run: print the commands, send nothing\n",
		prog);
	exit(2);
}

static uint64_t fz_arg(const char *s, const char *prog)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || (*end && *end != ':'))
		fz_usage(prog);
	return v;
}

static void fz_report(struct fz *f, double secs)
{
	unsigned long ops = 0, ops_good = 0, best, n;
	unsigned int i, j, k;
	static bool shown[65536];

	printf("# sent %lu CDBs (%lu random) in %.1f s (%.0f/s)\n", f->st.sent,
	       f->st.random, secs, secs > 0 ? f->st.sent / secs : 0.0);
	printf("# totals sent=%lu good=%lu check=%lu busy=%lu conflict=%lu",
	       f->st.sent, f->st.good, f->st.check, f->st.busy,
	       f->st.conflict);
	printf(" tsf=%lu aborted=%lu rejected=%lu failures=%lu\n", f->st.tsf,
	       f->st.aborted, f->st.rejected, f->st.failures);
	printf("# outcome GOOD: %lu\n", f->st.good);
	for (i = 0; i < 16; i++)
		if (f->st.key[i])
			printf("# outcome CHECK CONDITION, %s: %lu\n",
			       fz_key_names[i], f->st.key[i]);
	if (f->st.busy)
		printf("# outcome BUSY: %lu\n", f->st.busy);
	if (f->st.conflict)
		printf("# outcome RESERVATION CONFLICT: %lu\n", f->st.conflict);
	if (f->st.tsf)
		printf("# outcome TASK SET FULL: %lu\n", f->st.tsf);
	if (f->st.aborted)
		printf("# outcome TASK ABORTED: %lu\n", f->st.aborted);
	printf("# outcome rejected by sg: %lu\n", f->st.rejected);
	printf("# outcome failures: %lu\n", f->st.failures);
	for (i = 0; i < 256; i++) {
		ops += !!f->st.op_sent[i];
		ops_good += !!f->st.op_good[i];
	}
	printf("# opcodes: %lu sent, %lu of them completed with GOOD\n", ops,
	       ops_good);
	/* the most frequent additional sense codes */
	printf("# most frequent ASC/ASCQ:");
	for (k = 0; k < 8; k++) {
		best = 0;
		n = 0;
		for (i = 0; i < 65536; i++) {
			if (!shown[i] && f->st.asc[i] > n) {
				n = f->st.asc[i];
				best = i;
			}
		}
		if (!n)
			break;
		shown[best] = true;
		printf(" %02lx/%02lx:%lu", best >> 8, best & 0xff, n);
	}
	printf("\n");
	if (f->st.sent) {
		printf("# slowest command: #%lu, %.3f s, cdb", f->st.slowest_idx,
		       f->st.slowest);
		for (j = 0; j < f->st.slowest_len; j++)
			printf(" %02x", f->st.slowest_cdb[j]);
		printf("\n");
	}
}

int main(int argc, char **argv)
{
	static struct fz fz;
	struct fz *f = &fz;
	unsigned long count = 1000, first = 0, i;
	uint64_t plen = 0;
	bool have_seed = false;
	const char *colon;
	double t0;
	int opt;

	f->taint_fd = -1;
	while ((opt = getopt(argc, argv, "n:s:f:b:c:p:t:vdh")) != -1) {
		switch (opt) {
		case 'n':
			count = fz_arg(optarg, argv[0]);
			break;
		case 's':
			f->seed = fz_arg(optarg, argv[0]);
			have_seed = true;
			break;
		case 'f':
			first = fz_arg(optarg, argv[0]);
			break;
		case 'b':
			f->bs = fz_arg(optarg, argv[0]);
			break;
		case 'c':
			f->cap = fz_arg(optarg, argv[0]);
			break;
		case 'p':
			colon = strchr(optarg, ':');
			if (!colon)
				fz_usage(argv[0]);
			f->prot_lo = fz_arg(optarg, argv[0]);
			plen = fz_arg(colon + 1, argv[0]);
			break;
		case 't':
			f->budget = fz_arg(optarg, argv[0]);
			break;
		case 'v':
			f->verbose = true;
			break;
		case 'd':
			f->dry_run = true;
			break;
		default:
			fz_usage(argv[0]);
		}
	}
	if (optind != argc - 1)
		fz_usage(argv[0]);
	f->dev = argv[optind];
	if (!have_seed)
		f->seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	printf("# seed %llu\n", (unsigned long long)f->seed);
	fflush(stdout);

	f->buf = malloc(FZ_MAX_XFER + 4096);
	if (!f->buf) {
		printf("# out of memory\n");
		return 2;
	}
	f->fd = f->dry_run ? -1 : open(f->dev, O_RDWR);
	if (f->fd < 0 && !f->dry_run) {
		printf("# cannot open %s: %s\n", f->dev, strerror(errno));
		return 2;
	}
	if ((!f->bs || !f->cap) && fz_probe_capacity(f)) {
		printf("# READ CAPACITY of %s failed; give -b and -c\n",
		       f->dev);
		return 2;
	}
	if (!f->bs || f->bs > FZ_MAX_XFER || f->bs & (f->bs - 1)) {
		printf("# bad block size %u\n", f->bs);
		return 2;
	}
	if (plen > UINT64_MAX - f->prot_lo) {
		printf("# bad protected range\n");
		return 2;
	}
	f->prot_hi = f->prot_lo + plen;
	if (!f->dry_run)
		fz_read_mode_pages(f);
	f->taint_fd = open("/proc/sys/kernel/tainted", O_RDONLY);
	f->taint0 = fz_taint(f);
	printf("# %s: %u byte blocks, capacity %llu, protected LBA %llu+%llu\n",
	       f->dev, f->bs, (unsigned long long)f->cap,
	       (unsigned long long)f->prot_lo, (unsigned long long)plen);
	printf("# commands #%lu..#%lu; mode pages read: %u, %u bytes\n",
	       first, first + count - 1, f->caching.len, f->control.len);
	fflush(stdout);

	t0 = fz_now();
	for (i = first; i < first + count; i++) {
		if (!fz_one(f, i)) {
			printf("# stopped after command #%lu\n", i);
			break;
		}
		if ((i - first + 1) % FZ_PROGRESS == 0) {
			printf("# progress: %lu CDBs in %.1f s\n", i - first + 1,
			       fz_now() - t0);
			fflush(stdout);
		}
		if (f->budget && fz_now() - t0 > f->budget) {
			printf("# time budget of %.0f s used up after command #%lu\n",
			       f->budget, i);
			break;
		}
	}
	fz_report(f, fz_now() - t0);
	printf("# result: %s\n", f->st.failures ? "FAIL" : "PASS");
	return f->st.failures ? 1 : 0;
}
