// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of SPC-2 reservations (SPC-2 5.5.1, RELEASE(6) and
 * RESERVE(6)): which nexus holds a device, which commands of the others
 * conflict, and what ends a reservation.
 */
#include <kunit/test.h>

#include "scst_test.h"

struct res_fixture {
	struct scst_device dev;
	struct scst_tgt_dev td[2];	/* two I_T_L nexuses to one device */
	struct scst_cmd cmd;
};

static struct res_fixture *res_setup(struct kunit *test)
{
	struct res_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	spin_lock_init(&f->dev.res_lock);
	f->td[0].dev = &f->dev;
	f->td[1].dev = &f->dev;
	return f;
}

/*
 * Run a 6 or 10 byte CDB with operation code @op through scst_res_exec()
 * from nexus @i. Returns the SAM status if the reservation code finished
 * the command, or -1 if the command must go on to execute.
 */
static int res_run(struct res_fixture *f, int i, u8 op)
{
	struct scst_cmd *cmd = &f->cmd;

	memset(cmd, 0, sizeof(*cmd));
	cmd->dev = &f->dev;
	cmd->tgt_dev = &f->td[i];
	cmd->cdb[0] = op;
	cmd->cdb_len = op >= 0x20 ? 10 : 6;
	if (!scst_res_exec(cmd))
		return -1;
	return cmd->status;
}

static void scst_res_reserve_conflicts(struct kunit *test)
{
	struct res_fixture *f = res_setup(test);

	KUNIT_EXPECT_EQ(test, res_run(f, 0, RESERVE), SAM_STAT_GOOD);
	KUNIT_EXPECT_PTR_EQ(test, f->dev.res_holder, (const void *)&f->td[0]);
	/* the holder's commands execute */
	KUNIT_EXPECT_EQ(test, res_run(f, 0, READ_10), -1);
	KUNIT_EXPECT_EQ(test, res_run(f, 0, WRITE_10), -1);
	/* the other nexus' do not, but for those SPC-2 5.5.1 lets through */
	KUNIT_EXPECT_EQ(test, res_run(f, 1, READ_10),
			SAM_STAT_RESERVATION_CONFLICT);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, TEST_UNIT_READY),
			SAM_STAT_RESERVATION_CONFLICT);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, INQUIRY), -1);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, REQUEST_SENSE), -1);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, REPORT_LUNS), -1);
	/* nor may it reserve; the holder may again */
	KUNIT_EXPECT_EQ(test, res_run(f, 1, RESERVE_10),
			SAM_STAT_RESERVATION_CONFLICT);
	KUNIT_EXPECT_EQ(test, res_run(f, 0, RESERVE_10), SAM_STAT_GOOD);
	KUNIT_EXPECT_PTR_EQ(test, f->dev.res_holder, (const void *)&f->td[0]);
}

static void scst_res_release_rules(struct kunit *test)
{
	struct res_fixture *f = res_setup(test);

	/* SPC-2 RELEASE(6): with no reservation held, GOOD */
	KUNIT_EXPECT_EQ(test, res_run(f, 0, RELEASE), SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, RELEASE_10), SAM_STAT_GOOD);
	KUNIT_EXPECT_NULL(test, f->dev.res_holder);

	/* a RELEASE from another nexus is GOOD and changes nothing */
	KUNIT_EXPECT_EQ(test, res_run(f, 0, RESERVE_10), SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, RELEASE), SAM_STAT_GOOD);
	KUNIT_EXPECT_PTR_EQ(test, f->dev.res_holder, (const void *)&f->td[0]);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, WRITE_10),
			SAM_STAT_RESERVATION_CONFLICT);

	/* the holder's RELEASE ends it */
	KUNIT_EXPECT_EQ(test, res_run(f, 0, RELEASE_10), SAM_STAT_GOOD);
	KUNIT_EXPECT_NULL(test, f->dev.res_holder);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, WRITE_10), -1);
	KUNIT_EXPECT_EQ(test, res_run(f, 1, RESERVE), SAM_STAT_GOOD);
	KUNIT_EXPECT_PTR_EQ(test, f->dev.res_holder, (const void *)&f->td[1]);
}

static void scst_res_ended_by_reset_and_loss(struct kunit *test)
{
	struct res_fixture *f = res_setup(test);

	KUNIT_EXPECT_EQ(test, res_run(f, 0, RESERVE), SAM_STAT_GOOD);
	/* the loss of another nexus leaves the reservation alone */
	scst_res_release_nexus(&f->td[1]);
	KUNIT_EXPECT_PTR_EQ(test, f->dev.res_holder, (const void *)&f->td[0]);
	/* the holder's loss ends it */
	scst_res_release_nexus(&f->td[0]);
	KUNIT_EXPECT_NULL(test, f->dev.res_holder);

	KUNIT_EXPECT_EQ(test, res_run(f, 1, RESERVE), SAM_STAT_GOOD);
	/* so does a reset of the logical unit */
	scst_res_reset(&f->dev);
	KUNIT_EXPECT_NULL(test, f->dev.res_holder);
	KUNIT_EXPECT_EQ(test, res_run(f, 0, READ_10), -1);
}

static struct kunit_case scst_res_test_cases[] = {
	KUNIT_CASE(scst_res_reserve_conflicts),
	KUNIT_CASE(scst_res_release_rules),
	KUNIT_CASE(scst_res_ended_by_reset_and_loss),
	{}
};

static struct kunit_suite scst_res_test_suite = {
	.name = "scst_res",
	.test_cases = scst_res_test_cases,
};

kunit_test_suite(scst_res_test_suite);
