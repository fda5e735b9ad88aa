// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: the command state machine.
 *
 * A command moves through enum scst_cmd_state. scst_process_cmd() runs
 * the states one after the other in the caller's context for as long as
 * that context allows; a step that may sleep in an atomic context hands
 * the command to a core thread, and a step that waits for the target
 * driver or the dev handler returns, leaving the command to whoever ends
 * the wait (scst_rx_data(), scst_cmd_exec_done(), scst_tgt_cmd_done()).
 * Exactly one context owns a command at any time; only the owner changes
 * cmd->state. Aborts only set SCST_CMD_ABORTED, which the owner checks.
 */
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

enum scst_step {
	SCST_STEP_CONT,		/* run the next state now */
	SCST_STEP_THREAD,	/* continue in a core thread */
	SCST_STEP_WAIT,		/* someone else continues the command */
};

static struct kmem_cache *scst_cmd_cache;

/**
 * scst_set_cmd_status() - set the SAM status of a command
 * @cmd: the command
 * @status: the status, e.g. SAM_STAT_BUSY
 */
void scst_set_cmd_status(struct scst_cmd *cmd, u8 status)
{
	cmd->status = status;
}
EXPORT_SYMBOL_GPL(scst_set_cmd_status);

/**
 * scst_set_cmd_error() - fail a command with CHECK CONDITION
 * @cmd: the command
 * @key: sense key
 * @asc_ascq: additional sense code and qualifier, e.g.
 *	SCST_ASC_INVALID_FIELD_IN_CDB
 *
 * Builds sense data in the format the device's control mode page asks
 * for (fixed unless D_SENSE is set); a later error replaces an earlier one.
 */
void scst_set_cmd_error(struct scst_cmd *cmd, u8 key, u16 asc_ascq)
{
	bool desc = cmd->dev && READ_ONCE(cmd->dev->d_sense);
	int len;

	cmd->status = SAM_STAT_CHECK_CONDITION;
	len = scst_build_sense(cmd->sense, sizeof(cmd->sense), desc, key,
			       asc_ascq);
	cmd->sense_len = len > 0 ? len : 0;
}
EXPORT_SYMBOL_GPL(scst_set_cmd_error);

/**
 * scst_set_cmd_error_info() - fail a command, with an INFORMATION field
 * @cmd: the command
 * @key: sense key
 * @asc_ascq: additional sense code and qualifier
 * @info: value of the INFORMATION field, e.g. the offset of a miscompare
 */
void scst_set_cmd_error_info(struct scst_cmd *cmd, u8 key, u16 asc_ascq,
			     u64 info)
{
	int len;

	scst_set_cmd_error(cmd, key, asc_ascq);
	len = scst_sense_set_info(cmd->sense, sizeof(cmd->sense), info);
	if (len > 0)
		cmd->sense_len = len;
}
EXPORT_SYMBOL_GPL(scst_set_cmd_error_info);

/**
 * scst_cmd_fua() - whether a command asks for forced unit access
 * @cmd: a decoded command
 *
 * Return: true if the CDB has an FUA bit and it is set.
 */
bool scst_cmd_fua(const struct scst_cmd *cmd)
{
	return cmd->op && (cmd->op->flags & SCST_OPF_FUA) &&
		(cmd->cdb[1] & 0x08);
}
EXPORT_SYMBOL_GPL(scst_cmd_fua);

/**
 * scst_cmd_write_protected() - whether a command's LUN is write protected
 * @cmd: a command addressing a device
 *
 * Return: true if the device or the LUN through which the command came
 * is read-only; for the WP bit of mode parameter headers (SBC-3 6.4.1).
 */
bool scst_cmd_write_protected(const struct scst_cmd *cmd)
{
	return (cmd->dev && cmd->dev->read_only) ||
		(cmd->tgt_dev && cmd->tgt_dev->read_only);
}
EXPORT_SYMBOL_GPL(scst_cmd_write_protected);

/**
 * scst_cmd_copy_from_buf() - copy data to return into a command's buffer
 * @cmd: the command
 * @buf: the data
 * @len: its length
 *
 * Copies at most the size of the command's buffer and records the amount
 * as cmd->data_len, and @len as the amount the device server had to
 * return, for the residual (cmd->data_avail).
 *
 * Return: the number of bytes copied.
 */
int scst_cmd_copy_from_buf(struct scst_cmd *cmd, const void *buf, u32 len)
{
	u32 n = min(len, cmd->buf_len);

	if (n)
		n = sg_copy_from_buffer(cmd->sg, cmd->sg_cnt, buf, n);
	cmd->data_len = n;
	cmd->data_avail = len;
	return n;
}
EXPORT_SYMBOL_GPL(scst_cmd_copy_from_buf);

/**
 * scst_cmd_copy_to_buf() - copy a command's received data out
 * @cmd: the command
 * @buf: the destination
 * @len: its size
 *
 * Return: the number of bytes copied, at most the size of the command's
 * buffer.
 */
int scst_cmd_copy_to_buf(struct scst_cmd *cmd, void *buf, u32 len)
{
	u32 n = min(len, cmd->buf_len);

	if (!n)
		return 0;
	return sg_copy_to_buffer(cmd->sg, cmd->sg_cnt, buf, n);
}
EXPORT_SYMBOL_GPL(scst_cmd_copy_to_buf);

/**
 * scst_alloc_cmd_buf() - give a command a core-owned data buffer
 * @cmd: the command; cmd->buf_len holds the size
 * @gfp: allocation flags
 *
 * Return: 0 or -ENOMEM.
 */
int scst_alloc_cmd_buf(struct scst_cmd *cmd, gfp_t gfp)
{
	cmd->sg = scst_sgv_get(cmd->buf_len, gfp, &cmd->sg_cnt);
	return cmd->sg ? 0 : -ENOMEM;
}

/**
 * scst_free_cmd_buf() - give back a buffer from scst_alloc_cmd_buf()
 * @cmd: the command
 */
void scst_free_cmd_buf(struct scst_cmd *cmd)
{
	if (!cmd->sg || test_bit(SCST_CMD_TGT_SG, &cmd->flags))
		return;
	scst_sgv_put(cmd->sg, cmd->sg_cnt);
	cmd->sg = NULL;
	cmd->sg_cnt = 0;
}

static void scst_cmd_work(struct work_struct *work)
{
	struct scst_cmd *cmd = container_of(work, struct scst_cmd, work);

	cmd->context = SCST_CONTEXT_DIRECT;
	set_bit(SCST_CMD_IN_THREAD, &cmd->flags);
	scst_process_cmd(cmd);
}

/**
 * scst_cmd_may_be_long() - whether a command may keep a handler busy long
 * @cmd: a decoded command
 *
 * True for one that works on much more of the medium than it transfers
 * (VERIFY without data, WRITE SAME, PRE-FETCH, FORMAT UNIT, UNMAP, whose
 * descriptors may cover the whole medium) or on all of it (SYNCHRONIZE
 * CACHE of 0 blocks; MODE SELECT, which flushes the whole write cache
 * when it clears WCE; START STOP UNIT, which flushes it on a stop). Such
 * commands run in a thread when the handler may sleep, so that the
 * submitter - an initiator's queuecommand for scst_local - is not held
 * and the initiator's timeout and abort handling can run.
 *
 * Return: true if @cmd is to be executed in a thread.
 */
bool scst_cmd_may_be_long(const struct scst_cmd *cmd)
{
	u64 span;

	switch (cmd->cdb[0]) {
	case FORMAT_UNIT:
	case UNMAP:
	case MODE_SELECT:
	case MODE_SELECT_10:
	case START_STOP:
		return true;
	}
	if (!(cmd->op->flags & SCST_OPF_BLOCKS))
		return false;
	if (!cmd->nr_blocks)
		return cmd->cdb[0] == SYNCHRONIZE_CACHE ||
			cmd->cdb[0] == SYNCHRONIZE_CACHE_16;
	span = (u64)cmd->nr_blocks << cmd->dev->block_shift;
	return span > max_t(u64, cmd->bufflen, SCST_INLINE_SPAN);
}
EXPORT_SYMBOL_IF_KUNIT(scst_cmd_may_be_long);

/**
 * scst_rx_cmd() - create a command received by a target driver
 * @sess: the session it arrived on
 * @lun: the transport's LUN field
 * @lun_len: length of @lun
 * @cdb: the CDB
 * @cdb_len: length of @cdb
 * @gfp: allocation flags for the caller's context
 *
 * Nothing is checked here: a malformed LUN or CDB makes the command fail
 * with the right sense once processing starts. The driver then sets the
 * tag, task attribute, expected transfer and buffer, and calls
 * scst_cmd_init_done(). While the session is being closed by force
 * (scst_sess_force_close()), or its target is disabled, the command is
 * aborted at once.
 *
 * Return: the command, or NULL when out of memory or when the session is
 * being unregistered.
 */
struct scst_cmd *scst_rx_cmd(struct scst_session *sess, const u8 *lun,
			     unsigned int lun_len, const u8 *cdb,
			     unsigned int cdb_len, gfp_t gfp)
{
	struct scst_cmd *cmd;
	unsigned long flags;
	bool valid;

	if (!percpu_ref_tryget_live(&sess->refs))
		return NULL;
	cmd = kmem_cache_zalloc(scst_cmd_cache, gfp);
	if (!cmd) {
		scst_sess_put(sess);
		return NULL;
	}
	cmd->sess = sess;
	cmd->queue_type = SCST_QUEUE_SIMPLE;
	cmd->state = SCST_CMD_STATE_INIT;
	cmd->cdb_len = min_t(unsigned int, cdb_len, SCST_MAX_CDB_SIZE);
	memcpy(cmd->cdb, cdb, cmd->cdb_len);
	if (cdb_len > SCST_MAX_CDB_SIZE || !cdb_len)
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_FIELD_IN_CDB);
	cmd->lun = scst_unpack_lun(lun, lun_len, &valid);
	if (!valid)
		cmd->lun = U64_MAX;
	INIT_LIST_HEAD(&cmd->sess_node);
	INIT_LIST_HEAD(&cmd->order_node);
	INIT_WORK(&cmd->work, scst_cmd_work);

	spin_lock_irqsave(&sess->lock, flags);
	list_add_tail(&cmd->sess_node, &sess->cmds);
	/*
	 * The I_T nexus is being closed: it was lost (SAM-5 6.3.4). A
	 * disabled target port serves nothing, as if its nexuses were lost.
	 */
	if (unlikely(sess->closing || !READ_ONCE(sess->tgt->enabled)))
		scst_abort_cmd(cmd, NULL, NULL, NULL);
	spin_unlock_irqrestore(&sess->lock, flags);
	atomic64_inc(&sess->nr_cmds);
	return cmd;
}
EXPORT_SYMBOL_GPL(scst_rx_cmd);

/**
 * scst_cmd_set_expected() - record the transfer the transport announced
 * @cmd: the command
 * @dir: the direction
 * @len: the length in bytes
 */
void scst_cmd_set_expected(struct scst_cmd *cmd,
			   enum scst_data_direction dir, u32 len)
{
	cmd->expected_dir = dir;
	cmd->expected_len = len;
	cmd->expected_set = true;
}
EXPORT_SYMBOL_GPL(scst_cmd_set_expected);

/**
 * scst_cmd_set_tgt_sg() - give a command the target driver's buffer
 * @cmd: the command
 * @sg: the buffer, holding the write data if there is any
 * @sg_cnt: number of entries of @sg
 *
 * The core and the dev handler then read and write @sg directly, with no
 * copy; for a write, the data must already be in @sg, so rdy_to_xfer is
 * not called. The buffer's size is the expected transfer length, which
 * the driver must have set with scst_cmd_set_expected().
 */
void scst_cmd_set_tgt_sg(struct scst_cmd *cmd, struct scatterlist *sg,
			 unsigned int sg_cnt)
{
	cmd->sg = sg;
	cmd->sg_cnt = sg_cnt;
	cmd->buf_len = cmd->expected_len;
	set_bit(SCST_CMD_TGT_SG, &cmd->flags);
}
EXPORT_SYMBOL_GPL(scst_cmd_set_tgt_sg);

static void scst_queue_cmd(struct scst_cmd *cmd)
{
	scst_queue_cmd_work(cmd);
}

/**
 * scst_cmd_init_done() - start processing a received command
 * @cmd: the command from scst_rx_cmd()
 * @context: what the caller's context allows
 */
void scst_cmd_init_done(struct scst_cmd *cmd, enum scst_context context)
{
	cmd->context = context;
	if (unlikely(!scst_cmd_activate(cmd)))
		return;	/* held while activity is suspended */
	if (context == SCST_CONTEXT_THREAD)
		scst_queue_cmd(cmd);
	else
		scst_process_cmd(cmd);
}
EXPORT_SYMBOL_GPL(scst_cmd_init_done);

static enum scst_step scst_fail_to_xmit(struct scst_cmd *cmd)
{
	cmd->state = SCST_CMD_STATE_PRE_XMIT;
	return SCST_STEP_CONT;
}

static enum scst_step scst_step_init(struct scst_cmd *cmd)
{
	if (cmd->status)	/* malformed CDB, see scst_rx_cmd() */
		return scst_fail_to_xmit(cmd);

	if (cmd->lun != U64_MAX) {
		cmd->tgt_dev = scst_tgt_dev_get(cmd->sess, cmd->lun);
		if (cmd->tgt_dev)
			cmd->dev = cmd->tgt_dev->dev;
	}
	if (cmd->tgt_dev) {
		set_bit(SCST_CMD_IN_TASK_SET, &cmd->flags);
		if (atomic_inc_return(&cmd->tgt_dev->in_flight) >
		    SCST_MAX_TASK_SET) {
			scst_set_cmd_status(cmd, SAM_STAT_TASK_SET_FULL);
			return scst_fail_to_xmit(cmd);
		}
	}
	if (cmd->queue_type == SCST_QUEUE_ACA) {
		/* SAM-5 5.9.3: no ACA condition can exist here (NACA is 0) */
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_MESSAGE);
		return scst_fail_to_xmit(cmd);
	}
	cmd->state = SCST_CMD_STATE_PARSE;
	return SCST_STEP_CONT;
}

/*
 * Check the transfer the CDB asks for against the one the transport
 * announced (SAM-5 5.4.3: overflow and underflow).
 */
static int scst_check_expected(struct scst_cmd *cmd)
{
	u32 len = cmd->bufflen;

	if (!cmd->expected_set) {
		cmd->buf_len = min(len, SCST_MAX_XFER_LEN);
		return 0;
	}
	if (cmd->data_direction == SCST_DATA_NONE || !len)
		return 0;
	/*
	 * Block transfers are all or nothing: a command that moves fewer
	 * blocks than its CDB says would leave the medium half written.
	 */
	if ((cmd->op->flags & SCST_OPF_BLOCKS) &&
	    (cmd->expected_len < len || cmd->expected_dir != cmd->data_direction))
		return -EINVAL;
	if (cmd->expected_len && !(cmd->data_direction & cmd->expected_dir))
		return -EINVAL;
	if (!test_bit(SCST_CMD_TGT_SG, &cmd->flags))
		cmd->buf_len = min3(len, cmd->expected_len, SCST_MAX_XFER_LEN);
	return 0;
}

static enum scst_step scst_step_parse(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;

	/*
	 * An aborted command is not executed and reports no sense data
	 * (SAM-5 5.6): it must not take a unit attention, which the
	 * initiator would then never see.
	 */
	if (test_bit(SCST_CMD_ABORTED, &cmd->flags))
		return scst_fail_to_xmit(cmd);
	if (scst_decode_cdb(cmd))
		return scst_fail_to_xmit(cmd);

	if (!dev && !(cmd->op->flags & SCST_OPF_ANY_LUN)) {
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_LUN_NOT_SUPPORTED);
		return scst_fail_to_xmit(cmd);
	}
	if (scst_check_ua(cmd))
		return scst_fail_to_xmit(cmd);
	if (scst_check_expected(cmd)) {
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_FIELD_IN_CDB);
		return scst_fail_to_xmit(cmd);
	}
	if (((cmd->op->flags & SCST_OPF_WRITE_MEDIUM) &&
	     scst_cmd_write_protected(cmd)) ||
	    ((cmd->op->flags & SCST_OPF_SHARED_STATE) &&
	     cmd->tgt_dev && cmd->tgt_dev->read_only)) {
		/*
		 * A read-only LUN grants one initiator group read access; the
		 * mode pages (write cache, QERR, TAS, SWP) are the device's
		 * and every other LUN and initiator sees them: MODE SELECT
		 * through it is write protected, as in LIO.
		 */
		scst_set_cmd_error(cmd, DATA_PROTECT, SCST_ASC_WRITE_PROTECTED);
		return scst_fail_to_xmit(cmd);
	}
	if (dev && dev->handler->parse && dev->handler->parse(cmd))
		return scst_fail_to_xmit(cmd);

	cmd->state = SCST_CMD_STATE_PREPARE_SPACE;
	return SCST_STEP_CONT;
}

static enum scst_step scst_step_prepare_space(struct scst_cmd *cmd)
{
	bool atomic = cmd->context == SCST_CONTEXT_DIRECT_ATOMIC;

	if (cmd->data_direction == SCST_DATA_NONE || !cmd->buf_len) {
		cmd->state = SCST_CMD_STATE_EXEC;
		return SCST_STEP_CONT;
	}
	if (!test_bit(SCST_CMD_TGT_SG, &cmd->flags) &&
	    scst_alloc_cmd_buf(cmd, atomic ? GFP_ATOMIC : GFP_KERNEL)) {
		if (atomic)
			return SCST_STEP_THREAD;
		scst_set_cmd_status(cmd, SAM_STAT_BUSY);
		return scst_fail_to_xmit(cmd);
	}
	cmd->state = (cmd->data_direction & SCST_DATA_WRITE) ?
		SCST_CMD_STATE_RDY_TO_XFER : SCST_CMD_STATE_EXEC;
	return SCST_STEP_CONT;
}

static enum scst_step scst_step_rdy_to_xfer(struct scst_cmd *cmd)
{
	const struct scst_tgt_template *tgtt = cmd->sess->tgt->tgtt;

	if (test_bit(SCST_CMD_TGT_SG, &cmd->flags)) {
		cmd->state = SCST_CMD_STATE_EXEC;
		return SCST_STEP_CONT;
	}
	if (!tgtt->rdy_to_xfer) {
		scst_set_cmd_error(cmd, HARDWARE_ERROR,
				   SCST_ASC_INTERNAL_TARGET_FAILURE);
		return scst_fail_to_xmit(cmd);
	}
	/* scst_rx_data() may run before rdy_to_xfer() returns */
	cmd->state = SCST_CMD_STATE_DATA_WAIT;
	if (tgtt->rdy_to_xfer(cmd)) {
		/* The driver gave up; no scst_rx_data() follows. */
		scst_set_cmd_error(cmd, ABORTED_COMMAND,
				   SCST_ASC_INVALID_MESSAGE);
		return scst_fail_to_xmit(cmd);
	}
	return SCST_STEP_WAIT;
}

/**
 * scst_rx_data() - the write data of a command has arrived
 * @cmd: the command, handed to the driver's rdy_to_xfer()
 * @status: 0, or -errno when the transfer failed
 * @context: what the caller's context allows
 */
void scst_rx_data(struct scst_cmd *cmd, int status, enum scst_context context)
{
	if (WARN_ON_ONCE(cmd->state != SCST_CMD_STATE_DATA_WAIT))
		return;
	if (status)
		scst_set_cmd_error(cmd, ABORTED_COMMAND, 0x4b00);
	else
		set_bit(SCST_CMD_DATA_DONE, &cmd->flags);
	cmd->state = status ? SCST_CMD_STATE_PRE_XMIT : SCST_CMD_STATE_EXEC;
	cmd->context = context;
	if (context == SCST_CONTEXT_THREAD)
		scst_queue_cmd(cmd);
	else
		scst_process_cmd(cmd);
}
EXPORT_SYMBOL_GPL(scst_rx_data);

static enum scst_step scst_step_exec(struct scst_cmd *cmd)
{
	const struct scst_dev_type *dt;

	if (test_bit(SCST_CMD_ABORTED, &cmd->flags))
		return scst_fail_to_xmit(cmd);

	if (!cmd->dev) {
		if (scst_spc_exec(cmd) == SCST_EXEC_NOT_HANDLED)
			scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
					   SCST_ASC_LUN_NOT_SUPPORTED);
		cmd->state = SCST_CMD_STATE_DEV_DONE;
		return SCST_STEP_CONT;
	}

	dt = cmd->dev->handler;
	if (dt->exec_may_sleep &&
	    (cmd->context == SCST_CONTEXT_DIRECT_ATOMIC ||
	     (!test_bit(SCST_CMD_IN_THREAD, &cmd->flags) &&
	      scst_cmd_may_be_long(cmd))))
		return SCST_STEP_THREAD;
	if (!test_bit(SCST_CMD_ORDER_ACCT, &cmd->flags) &&
	    !scst_order_admit(cmd))
		return SCST_STEP_WAIT;	/* scst_order_done() resumes it */
	if (scst_res_exec(cmd)) {
		cmd->state = SCST_CMD_STATE_DEV_DONE;
		return SCST_STEP_CONT;
	}

	cmd->state = SCST_CMD_STATE_EXEC_WAIT;
	set_bit(SCST_CMD_IN_EXEC, &cmd->flags);
	if (dt->exec(cmd) == SCST_EXEC_NOT_HANDLED) {
		clear_bit(SCST_CMD_IN_EXEC, &cmd->flags);
		if (scst_spc_exec(cmd) == SCST_EXEC_NOT_HANDLED)
			scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
					   SCST_ASC_INVALID_OPCODE);
		cmd->state = SCST_CMD_STATE_DEV_DONE;
		return SCST_STEP_CONT;
	}
	/*
	 * Whoever clears SCST_CMD_IN_EXEC first owns the command: if
	 * scst_cmd_exec_done() ran inside exec(), it cleared the bit and left
	 * the rest of the processing to this loop, saving a recursion.
	 */
	if (test_and_clear_bit(SCST_CMD_IN_EXEC, &cmd->flags))
		return SCST_STEP_WAIT;
	return SCST_STEP_CONT;
}

/**
 * scst_cmd_exec_done() - a dev handler has executed a command
 * @cmd: the command
 * @context: what the caller's context allows
 *
 * The handler has set the status, sense and data of @cmd. It may call
 * this from within its exec callback or later, from any context.
 */
void scst_cmd_exec_done(struct scst_cmd *cmd, enum scst_context context)
{
	cmd->state = SCST_CMD_STATE_DEV_DONE;
	if (test_and_clear_bit(SCST_CMD_IN_EXEC, &cmd->flags))
		return;	/* scst_step_exec() continues */
	cmd->context = context;
	if (context == SCST_CONTEXT_THREAD)
		scst_queue_cmd(cmd);
	else
		scst_process_cmd(cmd);
}
EXPORT_SYMBOL_GPL(scst_cmd_exec_done);

static enum scst_step scst_step_dev_done(struct scst_cmd *cmd)
{
	if (cmd->dev && cmd->dev->handler->dev_done)
		cmd->dev->handler->dev_done(cmd);
	cmd->state = SCST_CMD_STATE_PRE_XMIT;
	return SCST_STEP_CONT;
}

/*
 * SAM-5 5.4.3: the residual is the transfer the transport announced less
 * the one the device server made; negative for an overflow, i.e. when
 * the device server had more to transfer than announced.
 *
 * An allocation length is no transfer length (SPC-4 4.2.5.6): the device
 * server returns what it has, up to that length. So INQUIRY with an
 * allocation length of 255 into a 96-byte buffer that returns 36 bytes
 * leaves 60 (not 96 - 255); into a 16-byte one, it overflows by 20.
 */
s64 scst_cmd_resid(const struct scst_cmd *cmd, u32 done)
{
	u32 want;

	if ((cmd->data_direction & SCST_DATA_READ) &&
	    (cmd->op->flags & SCST_OPF_ALLOC_LEN)) {
		want = cmd->status ? 0 : max(cmd->data_len, cmd->data_avail);
		return (s64)cmd->expected_len - min(want, cmd->bufflen);
	}
	if (cmd->bufflen > cmd->expected_len)
		return (s64)cmd->expected_len - cmd->bufflen;
	return (s64)cmd->expected_len - done;
}
EXPORT_SYMBOL_IF_KUNIT(scst_cmd_resid);

static enum scst_step scst_step_pre_xmit(struct scst_cmd *cmd)
{
	struct scst_session *sess = cmd->sess;
	u32 done;

	/*
	 * QERR (SPC-4 7.5.8): the commands a CHECK CONDITION aborts are
	 * aborted before it is sent, and before the commands this one
	 * held back are let start below.
	 */
	if (unlikely(scst_qerr_applies(cmd)))
		scst_qerr_abort(cmd);
	/* Every path goes through here: let waiting commands start. */
	if (cmd->tgt_dev)
		scst_order_done(cmd);
	if (test_bit(SCST_CMD_TAS, &cmd->flags)) {
		/* SAM-5 5.6: aborted by another I_T nexus, with TAS set */
		cmd->status = SAM_STAT_TASK_ABORTED;
		cmd->sense_len = 0;
	}
	if (cmd->status)
		cmd->data_len = 0;
	if (cmd->data_direction & SCST_DATA_READ)
		done = cmd->data_len;
	else if (cmd->data_direction & SCST_DATA_WRITE)
		done = cmd->status ? 0 : cmd->bufflen;
	else
		done = 0;

	if (cmd->expected_set)
		cmd->resid = scst_cmd_resid(cmd, done);
	/*
	 * The counters are of the data sent to and received from the
	 * initiator. A command aborted without TASK ABORTED returns no data
	 * (SAM-5 5.6); a write received data only if it came with the
	 * command or the driver fetched it, not if it was aborted before.
	 */
	if (cmd->data_direction & SCST_DATA_READ) {
		if (!scst_cmd_aborted(cmd))
			atomic64_add(done, &sess->read_bytes);
	} else if (cmd->data_direction & SCST_DATA_WRITE) {
		if (test_bit(SCST_CMD_TGT_SG, &cmd->flags) ||
		    test_bit(SCST_CMD_DATA_DONE, &cmd->flags))
			atomic64_add(done, &sess->write_bytes);
	}

	cmd->state = SCST_CMD_STATE_XMIT;
	return SCST_STEP_CONT;
}

static enum scst_step scst_step_xmit(struct scst_cmd *cmd)
{
	/* scst_tgt_cmd_done() may run before xmit_response() returns */
	cmd->state = SCST_CMD_STATE_XMIT_WAIT;
	cmd->sess->tgt->tgtt->xmit_response(cmd);
	return SCST_STEP_WAIT;
}

/**
 * scst_tgt_cmd_done() - the target driver has finished a command
 * @cmd: the command, handed to the driver's xmit_response()
 * @context: what the caller's context allows
 *
 * The command is freed; the driver must not use it afterwards.
 */
void scst_tgt_cmd_done(struct scst_cmd *cmd, enum scst_context context)
{
	WARN_ON_ONCE(cmd->state != SCST_CMD_STATE_XMIT_WAIT);
	cmd->state = SCST_CMD_STATE_FINISHED;
	scst_free_cmd(cmd);
}
EXPORT_SYMBOL_GPL(scst_tgt_cmd_done);

/**
 * scst_process_cmd() - run a command's states until it has to wait
 * @cmd: the command, owned by the caller
 */
void scst_process_cmd(struct scst_cmd *cmd)
{
	enum scst_step step;

	for (;;) {
		switch (cmd->state) {
		case SCST_CMD_STATE_INIT:
			step = scst_step_init(cmd);
			break;
		case SCST_CMD_STATE_PARSE:
			step = scst_step_parse(cmd);
			break;
		case SCST_CMD_STATE_PREPARE_SPACE:
			step = scst_step_prepare_space(cmd);
			break;
		case SCST_CMD_STATE_RDY_TO_XFER:
			step = scst_step_rdy_to_xfer(cmd);
			break;
		case SCST_CMD_STATE_EXEC:
			step = scst_step_exec(cmd);
			break;
		case SCST_CMD_STATE_DEV_DONE:
			step = scst_step_dev_done(cmd);
			break;
		case SCST_CMD_STATE_PRE_XMIT:
			step = scst_step_pre_xmit(cmd);
			break;
		case SCST_CMD_STATE_XMIT:
			step = scst_step_xmit(cmd);
			break;
		default:
			WARN_ONCE(1, "scst: command in state %d\n", cmd->state);
			return;
		}
		if (step == SCST_STEP_THREAD) {
			scst_queue_cmd(cmd);
			return;
		}
		if (step == SCST_STEP_WAIT)
			return;
	}
}
EXPORT_SYMBOL_IF_KUNIT(scst_process_cmd);

/**
 * scst_free_cmd() - free a finished command
 * @cmd: the command
 */
void scst_free_cmd(struct scst_cmd *cmd)
{
	struct scst_session *sess = cmd->sess;
	const struct scst_tgt_template *tgtt = sess->tgt->tgtt;
	unsigned long flags;

	spin_lock_irqsave(&sess->lock, flags);
	list_del(&cmd->sess_node);
	spin_unlock_irqrestore(&sess->lock, flags);

	if (tgtt->on_free_cmd)
		tgtt->on_free_cmd(cmd);
	scst_free_cmd_buf(cmd);
	if (cmd->tgt_dev) {
		if (test_bit(SCST_CMD_IN_TASK_SET, &cmd->flags))
			atomic_dec(&cmd->tgt_dev->in_flight);
		scst_tgt_dev_put(cmd->tgt_dev);
	}
	scst_cmd_deactivate(cmd);
	/* No function can find @cmd any more: it is off the list. */
	scst_cmd_put_mcmds(cmd);
	kmem_cache_free(scst_cmd_cache, cmd);
	scst_sess_put(sess);
}

/**
 * scst_cmd_cache_init() - set up the command allocator
 *
 * Return: 0 or -ENOMEM.
 */
int scst_cmd_cache_init(void)
{
	scst_cmd_cache = KMEM_CACHE(scst_cmd, SLAB_HWCACHE_ALIGN);
	return scst_cmd_cache ? 0 : -ENOMEM;
}

/**
 * scst_cmd_cache_exit() - tear down the command allocator
 */
void scst_cmd_cache_exit(void)
{
	kmem_cache_destroy(scst_cmd_cache);
}
