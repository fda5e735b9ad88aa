// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: task attributes (SAM-5 8.6).
 *
 * Each I_T_L nexus has its own task set (TST 001b). A command starts
 * executing when its task attribute allows:
 *
 *  - HEAD OF QUEUE: at once;
 *  - ORDERED: once every older command has completed;
 *  - SIMPLE (and untagged): once every older ORDERED command has
 *    completed.
 *
 * A command that may not start yet waits in the nexus' deferred list, in
 * arrival order; completions start waiting commands from the head of
 * that list for as long as the rules allow. The rules themselves are in
 * scst_order_may_start(), a pure function the KUnit tests check against
 * a model.
 */
#include <linux/module.h>

#include "scst_priv.h"

/**
 * scst_order_may_start() - whether a command may start executing
 * @o: the task set state
 * @qt: the command's task attribute
 * @older_waiting: an older command of the task set is still waiting
 *
 * Return: true if it may start now.
 */
bool scst_order_may_start(const struct scst_order *o, enum scst_queue_type qt,
			  bool older_waiting)
{
	switch (qt) {
	case SCST_QUEUE_HEAD_OF_QUEUE:
		return true;
	case SCST_QUEUE_ORDERED:
		return !older_waiting && !o->simple && !o->ordered;
	default:
		return !older_waiting && !o->ordered;
	}
}
EXPORT_SYMBOL_IF_KUNIT(scst_order_may_start);

/**
 * scst_order_start() - account for a command that starts executing
 * @o: the task set state
 * @qt: its task attribute
 */
void scst_order_start(struct scst_order *o, enum scst_queue_type qt)
{
	if (qt == SCST_QUEUE_ORDERED)
		o->ordered++;
	else if (qt != SCST_QUEUE_HEAD_OF_QUEUE)
		o->simple++;
}
EXPORT_SYMBOL_IF_KUNIT(scst_order_start);

/**
 * scst_order_finish() - account for a command that finished executing
 * @o: the task set state
 * @qt: its task attribute
 */
void scst_order_finish(struct scst_order *o, enum scst_queue_type qt)
{
	if (qt == SCST_QUEUE_ORDERED)
		o->ordered--;
	else if (qt != SCST_QUEUE_HEAD_OF_QUEUE)
		o->simple--;
}
EXPORT_SYMBOL_IF_KUNIT(scst_order_finish);

/**
 * scst_order_admit() - let a command start executing, or defer it
 * @cmd: a command about to execute, with an I_T_L nexus
 *
 * Return: true if @cmd may execute now; false if it was deferred, in
 * which case a later completion resumes it in a core thread.
 */
bool scst_order_admit(struct scst_cmd *cmd)
{
	struct scst_tgt_dev *td = cmd->tgt_dev;
	struct scst_order *o = &td->order;
	unsigned long flags;
	bool start;

	spin_lock_irqsave(&td->order_lock, flags);
	start = scst_order_may_start(o, cmd->queue_type,
				     !list_empty(&td->deferred));
	if (start) {
		scst_order_start(o, cmd->queue_type);
		set_bit(SCST_CMD_ORDER_ACCT, &cmd->flags);
	} else {
		list_add_tail(&cmd->order_node, &td->deferred);
	}
	spin_unlock_irqrestore(&td->order_lock, flags);
	return start;
}

/**
 * scst_order_done() - a command has executed; start the ones it held back
 * @cmd: the command
 */
void scst_order_done(struct scst_cmd *cmd)
{
	struct scst_tgt_dev *td = cmd->tgt_dev;
	struct scst_order *o = &td->order;
	struct scst_cmd *next, *tmp;
	unsigned long flags;
	LIST_HEAD(run);

	if (!test_and_clear_bit(SCST_CMD_ORDER_ACCT, &cmd->flags))
		return;

	spin_lock_irqsave(&td->order_lock, flags);
	scst_order_finish(o, cmd->queue_type);
	list_for_each_entry_safe(next, tmp, &td->deferred, order_node) {
		if (!scst_order_may_start(o, next->queue_type, false))
			break;
		scst_order_start(o, next->queue_type);
		set_bit(SCST_CMD_ORDER_ACCT, &next->flags);
		list_move_tail(&next->order_node, &run);
	}
	spin_unlock_irqrestore(&td->order_lock, flags);

	list_for_each_entry_safe(next, tmp, &run, order_node) {
		list_del_init(&next->order_node);
		scst_queue_cmd_work(next);
	}
}
