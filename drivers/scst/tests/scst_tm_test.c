// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the core's queue error management: the commands a
 * CHECK CONDITION aborts for each QERR value of the control mode page
 * (SPC-4 7.5.8), and what the other I_T nexuses see with TAS (SAM-5
 * 5.6).
 *
 * The tests build one device with two sessions (I_T nexuses), each
 * seeing it through one I_T_L nexus, and put commands in the states
 * under test on the sessions' lists by hand.
 */
#include <kunit/test.h>

#include "scst_test.h"

struct qerr_fixture {
	struct scst_tgt_template tgtt;
	struct scst_tgt tgt;
	struct scst_device *dev;
	struct scst_session sess[2];
	struct scst_tgt_dev td[2];
};

static unsigned int qerr_xmits;
static bool qerr_xmit_aborted;
static u8 qerr_xmit_status;
/* What happens while the driver is sending a response, if anything */
static void (*qerr_xmit_hook)(struct scst_cmd *cmd);

static int qerr_xmit_response(struct scst_cmd *cmd)
{
	if (qerr_xmit_hook)
		qerr_xmit_hook(cmd);
	qerr_xmits++;
	qerr_xmit_aborted = scst_cmd_aborted(cmd);
	qerr_xmit_status = cmd->status;
	return 0;
}

static struct qerr_fixture *qerr_setup(struct kunit *test, u8 qerr, bool tas)
{
	struct qerr_fixture *f;
	int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	f->tgtt.name = "scst_test";
	f->tgtt.xmit_response = qerr_xmit_response;
	f->tgt.tgtt = &f->tgtt;
	f->dev = scst_test_dev(test, TYPE_DISK, 512);
	mutex_init(&f->dev->mutex);
	INIT_LIST_HEAD(&f->dev->tgt_devs);
	f->dev->qerr = qerr;
	f->dev->tas = tas;
	for (i = 0; i < 2; i++) {
		struct scst_session *sess = &f->sess[i];
		struct scst_tgt_dev *td = &f->td[i];

		sess->tgt = &f->tgt;
		sess->initiator_name = i ? "ini1" : "ini0";
		spin_lock_init(&sess->lock);
		INIT_LIST_HEAD(&sess->cmds);
		td->sess = sess;
		td->dev = f->dev;
		spin_lock_init(&td->ua_lock);
		spin_lock_init(&td->order_lock);
		INIT_LIST_HEAD(&td->deferred);
		list_add_tail(&td->dev_node, &f->dev->tgt_devs);
	}
	qerr_xmits = 0;
	qerr_xmit_aborted = false;
	qerr_xmit_status = 0xff;
	qerr_xmit_hook = NULL;
	return f;
}

/* A command of session @i in @state, in the task set of the device */
static struct scst_cmd *qerr_cmd(struct kunit *test, struct qerr_fixture *f,
				 int i, enum scst_cmd_state state)
{
	static const u8 cdb[6] = { TEST_UNIT_READY };
	struct scst_cmd *cmd = scst_test_cmd(test, f->dev, cdb, sizeof(cdb));

	cmd->sess = &f->sess[i];
	cmd->tgt_dev = &f->td[i];
	cmd->state = state;
	cmd->context = SCST_CONTEXT_DIRECT;
	__set_bit(SCST_CMD_IN_TASK_SET, &cmd->flags);
	list_add_tail(&cmd->sess_node, &f->sess[i].cmds);
	return cmd;
}

/* The command that fails: executed, CHECK CONDITION, MEDIUM ERROR */
static struct scst_cmd *qerr_failed(struct kunit *test, struct qerr_fixture *f)
{
	struct scst_cmd *cmd = qerr_cmd(test, f, 0, SCST_CMD_STATE_DEV_DONE);

	scst_set_cmd_error(cmd, MEDIUM_ERROR, SCST_ASC_READ_ERROR);
	return cmd;
}

/* The unit attentions pending on nexus @i, oldest first; returns how many */
static unsigned int qerr_take_ua(struct kunit *test, struct qerr_fixture *f,
				 int i, u16 *ua, unsigned int max)
{
	static const u8 cdb[6] = { REQUEST_SENSE };
	struct scst_cmd *cmd = scst_test_cmd(test, f->dev, cdb, sizeof(cdb));
	unsigned int n = 0;
	u16 asc_ascq;

	cmd->tgt_dev = &f->td[i];
	while (scst_ua_take(cmd, &asc_ascq)) {
		if (n < max)
			ua[n] = asc_ascq;
		n++;
	}
	return n;
}

static bool qerr_aborted(const struct scst_cmd *cmd)
{
	return test_bit(SCST_CMD_ABORTED, &cmd->flags);
}

static bool qerr_tas(const struct scst_cmd *cmd)
{
	return test_bit(SCST_CMD_TAS, &cmd->flags);
}

/*
 * QERR 01b, TAS 0: the other commands of both nexuses are aborted; the
 * other nexus gets COMMANDS CLEARED BY ANOTHER INITIATOR, once.
 */
static void scst_qerr_all_tas0(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_ALL, false);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_DATA_WAIT);
	struct scst_cmd *other2 = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC);
	u16 ua[2] = {};

	KUNIT_ASSERT_TRUE(test, scst_qerr_applies(failed));
	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 3U);

	KUNIT_EXPECT_FALSE(test, qerr_aborted(failed));
	KUNIT_EXPECT_EQ(test, failed->status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_TRUE(test, qerr_aborted(same));
	KUNIT_EXPECT_FALSE(test, qerr_tas(same));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(other));
	KUNIT_EXPECT_FALSE(test, qerr_tas(other));
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(other));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(other2));
	KUNIT_EXPECT_FALSE(test, qerr_tas(other2));
	/* No task management function waits for them. */
	KUNIT_EXPECT_NULL(test, same->mcmd);
	KUNIT_EXPECT_NULL(test, other->mcmd);
	/* States are the owners' business. */
	KUNIT_EXPECT_EQ(test, same->state, SCST_CMD_STATE_EXEC_WAIT);
	KUNIT_EXPECT_EQ(test, other->state, SCST_CMD_STATE_DATA_WAIT);

	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, 2), 0U);
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 2), 1U);
	KUNIT_EXPECT_EQ(test, ua[0], 0x2f00);
	KUNIT_EXPECT_EQ(test, ua[0], SCST_ASC_COMMANDS_CLEARED_BY_ANOTHER);
}

/*
 * QERR 01b, TAS 1: the other nexus' command ends with TASK ABORTED and
 * no unit attention is established; the failing nexus' own command is
 * aborted without a response.
 */
static void scst_qerr_all_tas1(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_ALL, true);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_DEV_DONE);
	u16 ua[2] = {};

	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 2U);
	KUNIT_EXPECT_FALSE(test, qerr_aborted(failed));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(same));
	KUNIT_EXPECT_FALSE(test, qerr_tas(same));
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(same));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(other));
	KUNIT_EXPECT_TRUE(test, qerr_tas(other));
	KUNIT_EXPECT_FALSE(test, scst_cmd_aborted(other));
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, 2), 0U);
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 2), 0U);

	/* Its owner finishes it: TASK ABORTED status, sent (SAM-5 5.6). */
	scst_process_cmd(other);
	KUNIT_EXPECT_EQ(test, other->status, SAM_STAT_TASK_ABORTED);
	KUNIT_EXPECT_EQ(test, other->sense_len, 0);
	KUNIT_EXPECT_EQ(test, other->state, SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 1U);
	KUNIT_EXPECT_FALSE(test, qerr_xmit_aborted);
}

/* QERR 11b: only the failing nexus' other command is aborted. */
static void scst_qerr_nexus(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_NEXUS, false);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	u16 ua[2] = {};

	KUNIT_ASSERT_TRUE(test, scst_qerr_applies(failed));
	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 1U);
	KUNIT_EXPECT_FALSE(test, qerr_aborted(failed));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(same));
	KUNIT_EXPECT_FALSE(test, qerr_tas(same));
	KUNIT_EXPECT_FALSE(test, qerr_aborted(other));
	KUNIT_EXPECT_FALSE(test, qerr_tas(other));
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, 2), 0U);
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 2), 0U);
}

/* QERR 11b with TAS 1: still nothing for the other nexus. */
static void scst_qerr_nexus_tas1(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_NEXUS, true);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);

	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 1U);
	KUNIT_EXPECT_TRUE(test, qerr_aborted(same));
	KUNIT_EXPECT_FALSE(test, qerr_tas(same));
	KUNIT_EXPECT_EQ(test, other->flags, BIT(SCST_CMD_IN_TASK_SET));
}

/* QERR 00b: a CHECK CONDITION affects nothing. */
static void scst_qerr_none(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	u16 ua[2] = {};

	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(failed));
	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 0U);
	KUNIT_EXPECT_EQ(test, same->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, other->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 2), 0U);

	/* The whole response path: the command's sense goes out as is. */
	failed->state = SCST_CMD_STATE_PRE_XMIT;
	scst_process_cmd(failed);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 1U);
	KUNIT_EXPECT_EQ(test, same->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, other->flags, BIT(SCST_CMD_IN_TASK_SET));
}

/*
 * Commands not yet in a task set (INIT), already answered (PRE_XMIT and
 * later) or already aborted by a task management function are left
 * alone, as are the commands of no or of another logical unit.
 */
static void scst_qerr_unaffected(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_ALL, true);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *init = qerr_cmd(test, f, 1, SCST_CMD_STATE_INIT);
	struct scst_cmd *pre = qerr_cmd(test, f, 1, SCST_CMD_STATE_PRE_XMIT);
	struct scst_cmd *sent = qerr_cmd(test, f, 1, SCST_CMD_STATE_XMIT_WAIT);
	struct scst_cmd *tmf = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *nodev = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *lu2 = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *victim = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_tgt_dev *td2;

	/* Another device, seen by the same session through another LUN */
	td2 = kunit_kzalloc(test, sizeof(*td2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, td2);
	td2->sess = &f->sess[1];
	td2->dev = scst_test_dev(test, TYPE_DISK, 512);
	td2->lun = 1;
	lu2->tgt_dev = td2;
	lu2->dev = td2->dev;

	init->tgt_dev = NULL;
	init->dev = NULL;
	nodev->tgt_dev = NULL;
	nodev->dev = NULL;
	__set_bit(SCST_CMD_ABORTED, &tmf->flags);

	KUNIT_EXPECT_EQ(test, scst_qerr_abort(failed), 1U);
	KUNIT_EXPECT_TRUE(test, qerr_aborted(victim));
	KUNIT_EXPECT_TRUE(test, qerr_tas(victim));
	KUNIT_EXPECT_EQ(test, init->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, pre->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, sent->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, nodev->flags, BIT(SCST_CMD_IN_TASK_SET));
	KUNIT_EXPECT_EQ(test, lu2->flags, BIT(SCST_CMD_IN_TASK_SET));
	/* Aborted silently by its own nexus' function: stays silent. */
	KUNIT_EXPECT_EQ(test, tmf->flags,
			BIT(SCST_CMD_IN_TASK_SET) | BIT(SCST_CMD_ABORTED));
}

/* Which final statuses trigger QERR */
static void scst_qerr_applies_rules(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_ALL, false);
	struct scst_cmd *cmd = qerr_failed(test, f);

	KUNIT_EXPECT_TRUE(test, scst_qerr_applies(cmd));
	/* A unit attention reported by a command of the task set counts. */
	scst_set_cmd_error(cmd, UNIT_ATTENTION, SCST_ASC_POWER_ON_RESET);
	KUNIT_EXPECT_TRUE(test, scst_qerr_applies(cmd));

	/* Other statuses do not. */
	scst_set_cmd_status(cmd, SAM_STAT_GOOD);
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(cmd));
	scst_set_cmd_status(cmd, SAM_STAT_TASK_SET_FULL);
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(cmd));
	scst_set_cmd_status(cmd, SAM_STAT_BUSY);
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(cmd));

	/* An aborted command sends no CHECK CONDITION. */
	cmd = qerr_failed(test, f);
	__set_bit(SCST_CMD_ABORTED, &cmd->flags);
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(cmd));

	/* A command that reached no logical unit is in no task set. */
	cmd = qerr_failed(test, f);
	cmd->tgt_dev = NULL;
	cmd->dev = NULL;
	__clear_bit(SCST_CMD_IN_TASK_SET, &cmd->flags);
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(cmd));
}

/*
 * The hook: a CHECK CONDITION going through PRE_XMIT aborts the others
 * before it is handed to the driver, and is itself sent.
 */
static void scst_qerr_pre_xmit(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_ABORT_ALL, false);
	struct scst_cmd *failed = qerr_failed(test, f);
	struct scst_cmd *same = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	u16 ua[2] = {};

	scst_process_cmd(failed);
	KUNIT_EXPECT_EQ(test, failed->state, SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 1U);
	KUNIT_EXPECT_FALSE(test, qerr_xmit_aborted);
	SCST_EXPECT_SENSE(test, failed, MEDIUM_ERROR, SCST_ASC_READ_ERROR);
	KUNIT_EXPECT_TRUE(test, qerr_aborted(same));
	KUNIT_EXPECT_TRUE(test, qerr_aborted(other));
	KUNIT_EXPECT_FALSE(test, qerr_tas(other));
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 2), 1U);
	KUNIT_EXPECT_EQ(test, ua[0], SCST_ASC_COMMANDS_CLEARED_BY_ANOTHER);

	/*
	 * The aborted command's owner sends nothing for it, and its own
	 * CHECK CONDITION, never sent, aborts nothing.
	 */
	scst_set_cmd_error(same, MEDIUM_ERROR, SCST_ASC_READ_ERROR);
	same->state = SCST_CMD_STATE_DEV_DONE;
	KUNIT_EXPECT_FALSE(test, scst_qerr_applies(same));
	scst_process_cmd(same);
	KUNIT_EXPECT_EQ(test, same->state, SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 2U);
	KUNIT_EXPECT_TRUE(test, qerr_xmit_aborted);
	KUNIT_EXPECT_FALSE(test, qerr_aborted(failed));
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, 2), 0U);
}

/* The fixture of the test running; for qerr_xmit_hook */
static struct qerr_fixture *abort_fixture;

/* Mark @cmd aborted by a function of session @by, holding its lock */
static int abort_by(struct qerr_fixture *f, struct scst_cmd *cmd, int by,
		    struct scst_mgmt_cmd *mcmd)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&cmd->sess->lock, flags);
	ret = scst_abort_cmd(cmd, mcmd, &f->sess[by], cmd->tgt_dev);
	spin_unlock_irqrestore(&cmd->sess->lock, flags);
	return ret;
}

/* A LOGICAL UNIT RESET from the other nexus arrives right now */
static void abort_lun_reset_from_1(struct scst_cmd *cmd)
{
	abort_by(abort_fixture, cmd, 1, NULL);
}

/*
 * SAM-5 5.6: a command aborted by another nexus with TAS set sees both
 * marks at once, and ends with TASK ABORTED.
 */
static void scst_abort_tas_one_step(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, true);
	struct scst_cmd *cmd = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC);
	u16 ua[2] = {};

	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 1, NULL), 0);
	KUNIT_EXPECT_EQ(test, cmd->flags, BIT(SCST_CMD_IN_TASK_SET) |
			BIT(SCST_CMD_ABORTED) | BIT(SCST_CMD_TAS));
	/* Not executed: TASK ABORTED, sent, never GOOD */
	scst_process_cmd(cmd);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 1U);
	KUNIT_EXPECT_FALSE(test, qerr_xmit_aborted);
	KUNIT_EXPECT_EQ(test, qerr_xmit_status, SAM_STAT_TASK_ABORTED);
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, 2), 0U);
}

/*
 * A write aborted by its own nexus (ABORT TASK) skips its execution and
 * its owner decides it gets no response. A LOGICAL UNIT RESET of the
 * other nexus with TAS set that arrives while the response is being
 * built must not turn it into a command that is answered: its status is
 * still GOOD from before, and the initiator would take the write that
 * never ran as done.
 */
static void scst_abort_first_decides(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, true);
	struct scst_cmd *cmd = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC);

	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 0, NULL), 0);
	abort_fixture = f;
	qerr_xmit_hook = abort_lun_reset_from_1;
	scst_process_cmd(cmd);
	KUNIT_EXPECT_EQ(test, qerr_xmits, 1U);
	KUNIT_EXPECT_TRUE(test, qerr_xmit_aborted);
	KUNIT_EXPECT_FALSE(test, test_bit(SCST_CMD_TAS, &cmd->flags));
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(cmd));
}

/*
 * SAM-5 7.1: every function that finds a command waits for it, also
 * when another function aborted it first; a function finding it twice
 * counts it once.
 */
static void scst_abort_second_function_waits(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	struct scst_cmd *cmd = qerr_cmd(test, f, 1, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_mgmt_cmd *a, *b;

	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	/* as scst_rx_mgmt_fn() queues them: one count for the function */
	atomic_set(&a->pending, 1);
	atomic_set(&b->pending, 1);

	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 0, a), 0);	/* LUN RESET */
	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 1, b), 0);	/* ABORT TASK */
	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 1, b), 0);
	KUNIT_EXPECT_EQ(test, abort_by(f, cmd, 0, a), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->pending), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->pending), 2);
	KUNIT_EXPECT_PTR_EQ(test, cmd->mcmd, a);
	/* The first abort decided: no TAS (it is off) and one unit attention */
	KUNIT_EXPECT_FALSE(test, test_bit(SCST_CMD_TAS, &cmd->flags));

	/* Freeing the command releases both */
	scst_cmd_put_mcmds(cmd);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->pending), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->pending), 1);
}

/*
 * A LOGICAL UNIT RESET (or ABORT TASK SET, CLEAR TASK SET) affects the
 * commands of its LUN's task set, including those not yet past INIT,
 * e.g. held while activity is suspended: they have no I_T_L nexus yet,
 * only the LUN the transport gave them.
 */
static void scst_abort_matches_lun(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	struct scst_cmd *held = qerr_cmd(test, f, 0, SCST_CMD_STATE_INIT);
	struct scst_cmd *held1 = qerr_cmd(test, f, 0, SCST_CMD_STATE_INIT);
	struct scst_cmd *running = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC);

	f->td[0].lun = 7;
	held->tgt_dev = NULL;
	held->lun = 7;
	held1->tgt_dev = NULL;
	held1->lun = 1;
	KUNIT_EXPECT_TRUE(test, scst_tmf_matches(held, &f->td[0]));
	KUNIT_EXPECT_FALSE(test, scst_tmf_matches(held1, &f->td[0]));
	KUNIT_EXPECT_TRUE(test, scst_tmf_matches(running, &f->td[0]));
	KUNIT_EXPECT_FALSE(test, scst_tmf_matches(running, &f->td[1]));
	/* TARGET RESET, I_T NEXUS RESET: every LUN */
	KUNIT_EXPECT_TRUE(test, scst_tmf_matches(held1, NULL));
}

/*
 * The unit attention queue of a nexus needs no memory: conditions are
 * kept in order, once each, up to SCST_MAX_UA of them.
 */
static void scst_ua_queue(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	u16 ua[SCST_MAX_UA + 1] = {};
	unsigned int i;

	for (i = 0; i <= SCST_MAX_UA; i++) {
		scst_tgt_dev_set_ua(&f->td[0], 0x2900 + i);
		scst_tgt_dev_set_ua(&f->td[0], 0x2900);
	}
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 0, ua, SCST_MAX_UA + 1),
			(unsigned int)SCST_MAX_UA);
	for (i = 0; i < SCST_MAX_UA; i++)
		KUNIT_EXPECT_EQ(test, ua[i], 0x2900 + i);
	KUNIT_EXPECT_EQ(test, qerr_take_ua(test, f, 1, ua, 1), 0U);
}

/*
 * A wait for commands that passes wait_timeout_ms names the commands
 * still there (those of the nexus waited for) and marks them aborted, so
 * that their owners end them.
 */
static void scst_wait_report(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	struct scst_cmd *stuck = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_cmd *xmit = qerr_cmd(test, f, 0, SCST_CMD_STATE_XMIT_WAIT);
	struct scst_cmd *other = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	struct scst_tgt_dev *td2;

	td2 = kunit_kzalloc(test, sizeof(*td2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, td2);
	other->tgt_dev = td2;
	stuck->tag = 7;
	xmit->tag = 8;
	/* A filter on the tag, then on a LUN none of them has */
	KUNIT_EXPECT_EQ(test, scst_report_cmds(&f->sess[0], NULL, SCST_ANY_LUN,
					       8, "test", 100), 1U);
	KUNIT_EXPECT_TRUE(test, scst_cmd_abort_requested(xmit));
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(stuck));
	KUNIT_EXPECT_EQ(test, scst_report_cmds(&f->sess[0], NULL, 5,
					       SCST_ANY_TAG, "test", 100), 0U);
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(stuck));

	KUNIT_EXPECT_EQ(test, scst_report_cmds(&f->sess[0], &f->td[0],
					       SCST_ANY_LUN, SCST_ANY_TAG,
					       "test", 100), 2U);
	KUNIT_EXPECT_TRUE(test, scst_cmd_abort_requested(stuck));
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(stuck));
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(other));
	KUNIT_EXPECT_EQ(test, scst_report_cmds(&f->sess[0], NULL, SCST_ANY_LUN,
					       SCST_ANY_TAG, "test", 100), 3U);
	KUNIT_EXPECT_EQ(test, scst_report_cmds(&f->sess[1], NULL, SCST_ANY_LUN,
					       SCST_ANY_TAG, "test", 100), 0U);
}

struct wait_done {
	struct delayed_work work;
	struct completion done;
	struct scst_cmd *cmd;
	bool aborted_first;
};

static void wait_done_fn(struct work_struct *work)
{
	struct wait_done *w = container_of(to_delayed_work(work),
					   struct wait_done, work);

	w->aborted_first = scst_cmd_abort_requested(w->cmd);
	complete(&w->done);
}

/*
 * scst_wait_cmds() with a 100 ms period and an owner that answers after
 * 300 ms: the command is reported and aborted before the wait ends.
 */
static void scst_wait_bounded(struct kunit *test)
{
	struct qerr_fixture *f = qerr_setup(test, SCST_QERR_NONE, false);
	unsigned int saved = scst_wait_timeout_ms;
	struct wait_done w = {};

	w.cmd = qerr_cmd(test, f, 0, SCST_CMD_STATE_EXEC_WAIT);
	init_completion(&w.done);
	INIT_DELAYED_WORK_ONSTACK(&w.work, wait_done_fn);
	scst_wait_timeout_ms = 100;
	schedule_delayed_work(&w.work, msecs_to_jiffies(300));
	scst_wait_cmds(&w.done, &f->sess[0], "test");
	scst_wait_timeout_ms = saved;
	flush_delayed_work(&w.work);
	destroy_delayed_work_on_stack(&w.work);
	/* it returned: the completion came, after the report */
	KUNIT_EXPECT_TRUE(test, w.aborted_first);
}

static struct kunit_case scst_tm_test_cases[] = {
	KUNIT_CASE(scst_wait_report),
	KUNIT_CASE(scst_wait_bounded),
	KUNIT_CASE(scst_ua_queue),
	KUNIT_CASE(scst_abort_matches_lun),
	KUNIT_CASE(scst_abort_tas_one_step),
	KUNIT_CASE(scst_abort_first_decides),
	KUNIT_CASE(scst_abort_second_function_waits),
	KUNIT_CASE(scst_qerr_all_tas0),
	KUNIT_CASE(scst_qerr_all_tas1),
	KUNIT_CASE(scst_qerr_nexus),
	KUNIT_CASE(scst_qerr_nexus_tas1),
	KUNIT_CASE(scst_qerr_none),
	KUNIT_CASE(scst_qerr_unaffected),
	KUNIT_CASE(scst_qerr_applies_rules),
	KUNIT_CASE(scst_qerr_pre_xmit),
	{}
};

static struct kunit_suite scst_tm_test_suite = {
	.name = "scst_tm",
	.test_cases = scst_tm_test_cases,
};

kunit_test_suite(scst_tm_test_suite);
