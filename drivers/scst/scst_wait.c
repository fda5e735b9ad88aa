// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: waits for commands that may never end.
 *
 * Removing a session, an I_T nexus loss, disabling or deleting a device
 * whose LUNs were removed, and a target driver's own error handling wait
 * until the commands concerned are freed; each of them is owned by the
 * core, the target driver or the dev handler, which may be stuck. Such a
 * wait is bounded by wait_timeout_ms (a configfs attribute of the
 * subsystem), or runs in periods of it; when one passes, every command
 * still there is named in the kernel log with its state and the party it
 * waits for, and marked aborted, so that an owner checking the mark (a
 * command not yet executed, a dev handler polling
 * scst_cmd_abort_requested()) ends it.
 */
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/printk.h>

#include "scst_priv.h"

/* Commands named per period; the rest are counted */
#define SCST_WAIT_REPORT_MAX	8

unsigned int scst_wait_timeout_ms = 60000;

static const char *const scst_state_names[] = {
	[SCST_CMD_STATE_INIT]		= "INIT",
	[SCST_CMD_STATE_PARSE]		= "PARSE",
	[SCST_CMD_STATE_PREPARE_SPACE]	= "PREPARE_SPACE",
	[SCST_CMD_STATE_RDY_TO_XFER]	= "RDY_TO_XFER",
	[SCST_CMD_STATE_DATA_WAIT]	= "DATA_WAIT",
	[SCST_CMD_STATE_EXEC]		= "EXEC",
	[SCST_CMD_STATE_EXEC_WAIT]	= "EXEC_WAIT",
	[SCST_CMD_STATE_DEV_DONE]	= "DEV_DONE",
	[SCST_CMD_STATE_PRE_XMIT]	= "PRE_XMIT",
	[SCST_CMD_STATE_XMIT]		= "XMIT",
	[SCST_CMD_STATE_XMIT_WAIT]	= "XMIT_WAIT",
	[SCST_CMD_STATE_FINISHED]	= "FINISHED",
};

/* Who moves a command in @state on: design.rst, "Command states" */
static const char *scst_state_owner(const struct scst_cmd *cmd,
				    enum scst_cmd_state state)
{
	switch (state) {
	case SCST_CMD_STATE_DATA_WAIT:
	case SCST_CMD_STATE_XMIT_WAIT:
		return cmd->sess->tgt->tgtt->name;
	case SCST_CMD_STATE_EXEC_WAIT:
		return cmd->dev ? cmd->dev->handler->name : "core";
	default:
		return "core";
	}
}

/**
 * scst_report_cmds() - name and abort the commands a wait is stuck on
 * @sess: their session
 * @td: only those of this I_T_L nexus, or NULL for all of @sess
 * @lun: only those for this LUN, or %SCST_ANY_LUN
 * @tag: only the one with this tag, or %SCST_ANY_TAG
 * @what: the wait, for the message
 * @waited_ms: how long it has waited so far
 *
 * Return: the number of commands still there.
 */
unsigned int scst_report_cmds(struct scst_session *sess,
			      struct scst_tgt_dev *td, u64 lun, u64 tag,
			      const char *what, unsigned long waited_ms)
{
	enum scst_cmd_state state;
	struct scst_cmd *cmd;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&sess->lock, flags);
	list_for_each_entry(cmd, &sess->cmds, sess_node) {
		if ((td && READ_ONCE(cmd->tgt_dev) != td) ||
		    (lun != SCST_ANY_LUN && cmd->lun != lun) ||
		    (tag != SCST_ANY_TAG && cmd->tag != tag))
			continue;
		state = READ_ONCE(cmd->state);
		if (n++ < SCST_WAIT_REPORT_MAX)
			pr_warn("scst: %s of %s/%s: after %lu ms, command tag %#llx (opcode %02x, LUN %llu) is in state %s, waiting for %s\n",
				what, sess->tgt->name, sess->initiator_name,
				waited_ms, cmd->tag, cmd->cdb[0], cmd->lun,
				state < ARRAY_SIZE(scst_state_names) ?
				scst_state_names[state] : "?",
				scst_state_owner(cmd, state));
		/* Ended at the owner's next step, like an I_T nexus loss */
		scst_abort_cmd(cmd, NULL, NULL, NULL);
	}
	spin_unlock_irqrestore(&sess->lock, flags);
	if (n > SCST_WAIT_REPORT_MAX)
		pr_warn("scst: %s of %s/%s: and %u more commands\n", what,
			sess->tgt->name, sess->initiator_name,
			n - SCST_WAIT_REPORT_MAX);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(scst_report_cmds);

/**
 * scst_wait_period_ms() - the period of a wait for commands
 *
 * A target driver that must wait for commands of its own, because SCST
 * may still use their buffers (an error handler, a logout), waits in
 * periods of this length, the subsystem's wait_timeout_ms, and calls
 * scst_sess_report_cmds() after each one.
 *
 * Return: the period in milliseconds.
 */
unsigned int scst_wait_period_ms(void)
{
	return READ_ONCE(scst_wait_timeout_ms);
}
EXPORT_SYMBOL_GPL(scst_wait_period_ms);

/**
 * scst_sess_report_cmds() - name and abort the commands a driver waits for
 * @sess: the session
 * @lun: only the commands for this LUN, or %SCST_ANY_LUN
 * @tag: only the command with this tag, or %SCST_ANY_TAG
 * @what: what waits, for the message
 * @waited_ms: how long it has waited so far
 *
 * Names each of these commands of @sess in the kernel log, with its
 * state and the party it waits for, and marks it aborted, so that an
 * owner checking the mark ends it. See scst_wait_period_ms().
 *
 * Context: any.
 */
void scst_sess_report_cmds(struct scst_session *sess, u64 lun, u64 tag,
			   const char *what, unsigned long waited_ms)
{
	if (!scst_report_cmds(sess, NULL, lun, tag, what, waited_ms))
		pr_warn("scst: %s of %s/%s: after %lu ms, no command left, still waiting\n",
			what, sess->tgt->name, sess->initiator_name, waited_ms);
}
EXPORT_SYMBOL_GPL(scst_sess_report_cmds);

/**
 * scst_wait_cmds() - wait for commands to be freed, reporting them
 * @done: completed once they are all freed
 * @sess: their session
 * @what: what waits, for the messages
 *
 * Each time wait_timeout_ms passes, the commands still there are named
 * in the kernel log and marked aborted (scst_report_cmds()).
 *
 * Context: process.
 */
void scst_wait_cmds(struct completion *done, struct scst_session *sess,
		    const char *what)
{
	unsigned long waited = 0, t;

	for (;;) {
		t = READ_ONCE(scst_wait_timeout_ms);
		if (wait_for_completion_timeout(done, msecs_to_jiffies(t)))
			return;
		waited += t;
		if (!scst_report_cmds(sess, NULL, SCST_ANY_LUN, SCST_ANY_TAG,
				      what, waited))
			pr_warn("scst: %s of %s/%s: after %lu ms, no command left, still waiting\n",
				what, sess->tgt->name, sess->initiator_name,
				waited);
	}
}
