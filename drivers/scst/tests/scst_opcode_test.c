// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the CDB decode table itself: the opcode index, the CDB
 * usage data and the device type flags (scst_cdb.c).
 */
#include "scst_test.h"

#define NR_SA	32	/* values of the 5-bit SERVICE ACTION field */

/* The entry for @op and service action @sa, looked up with a full CDB. */
static const struct scst_opcode_desc *lookup(unsigned int op,
					     unsigned int sa)
{
	u8 cdb[SCST_MAX_CDB_SIZE] = { op, sa };

	return scst_lookup_opcode(cdb, sizeof(cdb));
}

/*
 * The indexed lookup agrees with a linear search of a table ordered by
 * opcode: every opcode finds the entries of that opcode only, entries
 * without service action are found for every value of byte 1, and the
 * entries found are in ascending (opcode, service action) order, so the
 * first entry of an opcode is the one a linear search finds first.
 */
static void scst_opcode_test_index(struct kunit *test)
{
	const struct scst_opcode_desc *d, *first, *prev = NULL;
	unsigned int op, sa, nr_ops = 0, nr_sa = 0;

	for (op = 0; op < 256; op++) {
		first = lookup(op, 0);
		for (sa = 0; sa < NR_SA; sa++) {
			d = lookup(op, sa);
			if (!d)
				continue;
			KUNIT_EXPECT_EQ(test, d->opcode, op);
			if (d->sa == SCST_NO_SA) {
				KUNIT_EXPECT_PTR_EQ(test, d, first);
				continue;
			}
			KUNIT_EXPECT_EQ(test, d->sa, sa);
			/* Byte 1 bits 7..5 are not part of the field */
			KUNIT_EXPECT_PTR_EQ(test, lookup(op, sa | 0xe0), d);
			if (prev)
				KUNIT_EXPECT_PTR_EQ(test, d, prev + 1);
			prev = d;
			nr_sa++;
		}
		if (first && first->sa == SCST_NO_SA) {
			if (prev)
				KUNIT_EXPECT_PTR_EQ(test, first, prev + 1);
			prev = first;
			nr_ops++;
		}
	}
	KUNIT_EXPECT_EQ(test, nr_ops, 43);
	KUNIT_EXPECT_EQ(test, nr_sa, 4);
}

static void scst_opcode_test_unsupported(struct kunit *test)
{
	static const u8 unsupported[] = { 0x01, 0x02, 0x05, 0x07, 0x0b, 0x3b,
					  0x3c, 0x7f, 0x83, 0x84, 0x89, 0x9f,
					  0xa2, 0xb5, 0xff };
	unsigned int i, sa;

	for (i = 0; i < ARRAY_SIZE(unsupported); i++)
		for (sa = 0; sa < NR_SA; sa++)
			KUNIT_EXPECT_NULL_MSG(test, lookup(unsupported[i], sa),
					      "opcode %02xh", unsupported[i]);
}

static void scst_opcode_test_truncated(struct kunit *test)
{
	u8 cdb[SCST_MAX_CDB_SIZE] = { };
	const struct scst_opcode_desc *d;
	unsigned int op;

	for (op = 0; op < 256; op++) {
		d = lookup(op, 0);
		if (!d)
			continue;
		cdb[0] = op;
		KUNIT_EXPECT_NULL(test, scst_lookup_opcode(cdb,
							   d->cdb_len - 1));
		KUNIT_EXPECT_PTR_EQ(test, scst_lookup_opcode(cdb, d->cdb_len),
				    d);
	}
}

/* Check the CDB usage data of every entry against its other fields. */
static void scst_opcode_test_usage(struct kunit *test)
{
	const struct scst_opcode_desc *d;
	unsigned int op, sa, i;

	for (op = 0; op < 256; op++) {
		for (sa = 0; sa < NR_SA; sa++) {
			d = lookup(op, sa);
			if (!d || (d->sa == SCST_NO_SA && sa))
				continue;
			KUNIT_ASSERT_LE(test, d->cdb_len, SCST_OPC_USAGE_LEN);
			KUNIT_EXPECT_EQ(test, d->usage[0], 0);
			/* NACA, FLAG and LINK are checked */
			KUNIT_EXPECT_EQ_MSG(test, d->usage[d->cdb_len - 1], 0x07,
					    "%s", d->name);
			for (i = d->cdb_len; i < SCST_OPC_USAGE_LEN; i++)
				KUNIT_EXPECT_EQ_MSG(test, d->usage[i], 0,
						    "%s", d->name);
			if (d->sa != SCST_NO_SA)
				KUNIT_EXPECT_EQ(test, d->usage[1] & 0x1f, d->sa);
			/* Decoded fields are used fields */
			for (i = 0; (d->flags & SCST_OPF_LBA) &&
			     i < d->lba_len; i++)
				KUNIT_EXPECT_NE_MSG(test,
						    d->usage[d->lba_off + i], 0,
						    "%s", d->name);
			for (i = 0; i < d->len_len; i++)
				KUNIT_EXPECT_EQ_MSG(test,
						    d->usage[d->len_off + i],
						    0xff, "%s", d->name);
		}
	}
}

static void scst_opcode_test_device_types(struct kunit *test)
{
	static const u8 mmc_only[] = { READ_TOC, 0x46,
				       GET_EVENT_STATUS_NOTIFICATION, 0x51,
				       0xbd };
	static const u8 spc[] = { TEST_UNIT_READY, REQUEST_SENSE, INQUIRY,
				  MODE_SELECT, MODE_SENSE, LOG_SENSE,
				  MODE_SELECT_10, MODE_SENSE_10, RESERVE,
				  RELEASE, RESERVE_10, RELEASE_10,
				  REPORT_LUNS, MAINTENANCE_IN };
	const u16 types = SCST_OPF_SPC | SCST_OPF_SBC | SCST_OPF_MMC;
	const struct scst_opcode_desc *d;
	unsigned int op, i;

	for (op = 0; op < 256; op++) {
		d = lookup(op, 0x0c);
		if (d)
			KUNIT_EXPECT_TRUE_MSG(test, d->flags & types, "%s",
					      d->name);
	}
	for (i = 0; i < ARRAY_SIZE(mmc_only); i++) {
		d = lookup(mmc_only[i], 0);
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_EXPECT_EQ(test, d->flags & types, SCST_OPF_MMC);
	}
	for (i = 0; i < ARRAY_SIZE(spc); i++) {
		d = lookup(spc[i], 0x0c);
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_EXPECT_EQ(test, d->flags & types, SCST_OPF_SPC);
	}
	/* Writes are SBC only */
	KUNIT_EXPECT_EQ(test, lookup(WRITE_10, 0)->flags & types,
			SCST_OPF_SBC);
	KUNIT_EXPECT_EQ(test, lookup(READ_10, 0)->flags & types,
			SCST_OPF_SBC | SCST_OPF_MMC);
}

static void scst_opcode_test_any_lun(struct kunit *test)
{
	const u16 f = SCST_OPF_ANY_LUN | SCST_OPF_NO_UA;
	const struct scst_opcode_desc *d;
	unsigned int op, n = 0;

	/* Only INQUIRY, REQUEST SENSE and REPORT LUNS reach unmapped LUNs */
	for (op = 0; op < 256; op++) {
		d = lookup(op, 0x0c);
		if (!d || !(d->flags & SCST_OPF_ANY_LUN))
			continue;
		KUNIT_EXPECT_TRUE(test, op == INQUIRY || op == REQUEST_SENSE ||
				  op == REPORT_LUNS);
		KUNIT_EXPECT_EQ(test, d->flags & f, f);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 3);
}

static struct kunit_case scst_opcode_test_cases[] = {
	KUNIT_CASE(scst_opcode_test_index),
	KUNIT_CASE(scst_opcode_test_unsupported),
	KUNIT_CASE(scst_opcode_test_truncated),
	KUNIT_CASE(scst_opcode_test_usage),
	KUNIT_CASE(scst_opcode_test_device_types),
	KUNIT_CASE(scst_opcode_test_any_lun),
	{}
};

static struct kunit_suite scst_opcode_test_suite = {
	.name = "scst_opcode",
	.test_cases = scst_opcode_test_cases,
};

kunit_test_suite(scst_opcode_test_suite);
