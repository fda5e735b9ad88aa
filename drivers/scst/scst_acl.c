// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: access control by initiator groups.
 *
 * A target has a default LUN map and any number of initiator groups,
 * each with its own LUN map and a list of initiator name patterns. A
 * session sees the map of the first group, in creation order, whose
 * patterns match its initiator name, or the default map if none does.
 * Changes to groups and patterns apply to live sessions: each session
 * whose group changes gets the new map, a REPORTED LUNS DATA HAS CHANGED
 * unit attention and its driver's luns_changed call; it is not dropped.
 */
#include <linux/glob.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

/*
 * One pattern's say on @name: false if it excludes @name; else true, with
 * *@match set if it includes @name.
 */
static bool scst_ini_match_one(const char *p, const char *name, bool *match)
{
	if (p[0] == '!')
		return !glob_match(p + 1, name);
	if (!*match)
		*match = glob_match(p, name);
	return true;
}

/**
 * scst_ini_match() - whether an initiator name matches a group's patterns
 * @patterns: the patterns: shell wildcards "*" and "?" (glob_match()); a
 *	leading "!" makes a pattern exclude the names it matches
 * @nr: number of @patterns
 * @name: the initiator name
 *
 * Return: true if some including pattern matches @name and no excluding
 * pattern does.
 */
bool scst_ini_match(const char *const *patterns, unsigned int nr,
		    const char *name)
{
	bool match = false;
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!scst_ini_match_one(patterns[i], name, &match))
			return false;
	return match;
}
EXPORT_SYMBOL_IF_KUNIT(scst_ini_match);

/*
 * The same walk over the group's list, with nothing to allocate: a group
 * a session belongs to is never missed for want of memory.
 */
static bool scst_acg_match(struct scst_acg *acg, const char *name)
{
	struct scst_acn *acn;
	bool match = false;

	list_for_each_entry(acn, &acg->inis, node)
		if (!scst_ini_match_one(acn->pattern, name, &match))
			return false;
	return match;
}

/**
 * scst_acg_find() - the group whose LUN map an initiator sees
 * @tgt: the target
 * @name: the initiator name
 *
 * Context: the caller holds tgt->lun_mutex.
 * Return: the first matching group, or the target's default group.
 */
struct scst_acg *scst_acg_find(struct scst_tgt *tgt, const char *name)
{
	struct scst_acg *acg;

	lockdep_assert_held(&tgt->lun_mutex);
	list_for_each_entry(acg, &tgt->acgs, node)
		if (scst_acg_match(acg, name))
			return acg;
	return tgt->default_acg;
}

/**
 * scst_acg_alloc() - allocate an empty group
 * @tgt: its target
 *
 * Return: the group, or NULL.
 */
struct scst_acg *scst_acg_alloc(struct scst_tgt *tgt)
{
	struct scst_acg *acg = kzalloc(sizeof(*acg), GFP_KERNEL);

	if (!acg)
		return NULL;
	acg->tgt = tgt;
	xa_init(&acg->luns);
	INIT_LIST_HEAD(&acg->inis);
	INIT_LIST_HEAD(&acg->node);
	return acg;
}

/**
 * scst_acg_free() - free a group without LUNs or patterns
 * @acg: the group
 */
void scst_acg_free(struct scst_acg *acg)
{
	if (!acg)
		return;
	WARN_ON_ONCE(!xa_empty(&acg->luns) || !list_empty(&acg->inis));
	xa_destroy(&acg->luns);
	kfree(acg);
}

/* Does @sess's nexus for LUN @idx show what @lun of its new map shows? */
static bool scst_td_same(struct scst_tgt_dev *td, struct scst_lun *lun)
{
	return lun && lun->dev == td->dev && lun->read_only == td->read_only;
}

/* Give @sess the LUN map of @acg, keeping the nexuses that stay alike. */
static void scst_sess_switch_acg(struct scst_session *sess,
				 struct scst_acg *acg)
{
	struct scst_tgt_dev *td;
	struct scst_lun *lun;
	unsigned long idx;

	xa_for_each(&sess->tgt_devs, idx, td)
		if (!scst_td_same(td, xa_load(&acg->luns, idx)))
			scst_tgt_dev_del(sess, idx);
	sess->acg = acg;
	xa_for_each(&acg->luns, idx, lun) {
		if (!lun->dev || xa_load(&sess->tgt_devs, idx))
			continue;
		if (scst_tgt_dev_add(sess, lun))
			pr_warn("scst: %s: LUN %lu not shown to %s: no memory\n",
				sess->tgt->name, idx, sess->initiator_name);
	}
	scst_notify_luns_changed(sess);
}

/**
 * scst_acl_changed() - apply a change of groups or patterns to sessions
 * @tgt: the target
 *
 * Context: process; the caller holds tgt->lun_mutex.
 */
void scst_acl_changed(struct scst_tgt *tgt)
{
	struct scst_session *sess;
	struct scst_acg *acg;

	lockdep_assert_held(&tgt->lun_mutex);
	list_for_each_entry(sess, &tgt->sessions, tgt_node) {
		acg = scst_acg_find(tgt, sess->initiator_name);
		if (acg != sess->acg)
			scst_sess_switch_acg(sess, acg);
	}
}
