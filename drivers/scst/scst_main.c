// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: module setup and the registries of target drivers and dev
 * handlers.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

/* Protects the registries and the device list. */
DEFINE_MUTEX(scst_mutex);
struct workqueue_struct *scst_wq;

/*
 * The registered dev handlers and target drivers: a name each, unique
 * among its kind, and the configfs directory made for it.
 */
struct scst_reg_entry {
	const char *name;
	const void *ops;
	struct list_head node;
};

static LIST_HEAD(scst_dev_types);
static LIST_HEAD(scst_tgt_templates);

static struct scst_reg_entry *scst_reg_find(struct list_head *list,
					    const void *ops, const char *name)
{
	struct scst_reg_entry *e;

	lockdep_assert_held(&scst_mutex);
	list_for_each_entry(e, list, node)
		if (e->ops == ops || !strcmp(e->name, name))
			return e;
	return NULL;
}

/*
 * Add an entry and make its configfs directory with @add_cfs. configfs
 * calls into the core with its directory locks held, so scst_mutex is
 * not held while configfs changes.
 */
static int scst_reg_add(struct list_head *list, const char *name,
			const void *ops, int (*add_cfs)(const void *ops))
{
	struct scst_reg_entry *e;
	int ret;

	if (!name || !name[0] || strlen(name) >= 64 || strchr(name, '/'))
		return -EINVAL;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->name = name;
	e->ops = ops;

	mutex_lock(&scst_mutex);
	if (scst_reg_find(list, ops, name)) {
		mutex_unlock(&scst_mutex);
		kfree(e);
		return -EEXIST;
	}
	list_add_tail(&e->node, list);
	mutex_unlock(&scst_mutex);

	ret = add_cfs(ops);
	if (ret) {
		mutex_lock(&scst_mutex);
		list_del(&e->node);
		mutex_unlock(&scst_mutex);
		kfree(e);
		return ret;
	}
	pr_info("scst: %s registered\n", name);
	return 0;
}

static void scst_reg_del(struct list_head *list, const void *ops,
			 void (*del_cfs)(const void *ops))
{
	struct scst_reg_entry *e;

	mutex_lock(&scst_mutex);
	list_for_each_entry(e, list, node) {
		if (e->ops == ops) {
			list_del(&e->node);
			mutex_unlock(&scst_mutex);
			del_cfs(ops);
			pr_info("scst: %s unregistered\n", e->name);
			kfree(e);
			return;
		}
	}
	mutex_unlock(&scst_mutex);
}

static int scst_add_dev_type_cfs(const void *ops)
{
	return scst_configfs_add_dev_type(ops);
}

static void scst_del_dev_type_cfs(const void *ops)
{
	scst_configfs_del_dev_type(ops);
}

static int scst_add_tgtt_cfs(const void *ops)
{
	return scst_configfs_add_tgtt(ops);
}

static void scst_del_tgtt_cfs(const void *ops)
{
	scst_configfs_del_tgtt(ops);
}

/**
 * scst_register_dev_type() - register a dev handler
 * @dt: the handler; must stay valid until scst_unregister_dev_type()
 *
 * Makes the handler's directory under /sys/kernel/config/scst/handlers,
 * where users make its devices.
 *
 * Return: 0, -EINVAL for a malformed handler, -EEXIST if the name is
 * taken, or another -errno.
 */
int scst_register_dev_type(const struct scst_dev_type *dt)
{
	if (!dt->exec || !dt->attach || !dt->detach)
		return -EINVAL;
	return scst_reg_add(&scst_dev_types, dt->name, dt,
			    scst_add_dev_type_cfs);
}
EXPORT_SYMBOL_GPL(scst_register_dev_type);

/**
 * scst_unregister_dev_type() - unregister a dev handler
 * @dt: the handler
 *
 * Called from the handler's module exit; the handler's devices are gone
 * by then, since each of them pins the module.
 */
void scst_unregister_dev_type(const struct scst_dev_type *dt)
{
	scst_reg_del(&scst_dev_types, dt, scst_del_dev_type_cfs);
}
EXPORT_SYMBOL_GPL(scst_unregister_dev_type);

/**
 * scst_register_target_template() - register a target driver
 * @tgtt: the driver; must stay valid until
 *	scst_unregister_target_template()
 *
 * Makes the driver's directory under /sys/kernel/config/scst/targets.
 *
 * Return: 0, -EINVAL for a malformed template, -EEXIST if the name is
 * taken, or another -errno.
 */
int scst_register_target_template(const struct scst_tgt_template *tgtt)
{
	if (!tgtt->xmit_response || !tgtt->task_mgmt_fn_done ||
	    (tgtt->add_session && !tgtt->del_session))
		return -EINVAL;
	return scst_reg_add(&scst_tgt_templates, tgtt->name, tgtt,
			    scst_add_tgtt_cfs);
}
EXPORT_SYMBOL_GPL(scst_register_target_template);

/**
 * scst_unregister_target_template() - unregister a target driver
 * @tgtt: the driver
 *
 * The driver must have unregistered the targets it registered with
 * scst_register_target(); targets made through configfs pin the module
 * and so are gone already.
 */
void scst_unregister_target_template(const struct scst_tgt_template *tgtt)
{
	scst_reg_del(&scst_tgt_templates, tgtt, scst_del_tgtt_cfs);
}
EXPORT_SYMBOL_GPL(scst_unregister_target_template);

static int __init scst_init(void)
{
	int ret;

	/*
	 * Commands run here only when their next step may sleep and the
	 * context they arrived in may not; per-CPU keeps them near the
	 * submitter. WQ_MEM_RECLAIM: a target may back swap or writeback.
	 */
	scst_wq = alloc_workqueue("scst", WQ_MEM_RECLAIM, 0);
	if (!scst_wq)
		return -ENOMEM;
	ret = scst_cmd_cache_init();
	if (ret)
		goto out_wq;
	ret = scst_sgv_init(SCST_SGV_DEFAULT_LIMIT);
	if (ret)
		goto out_cache;
	ret = scst_suspend_init();
	if (ret)
		goto out_sgv;
	ret = scst_configfs_init();
	if (ret)
		goto out_suspend;
	return 0;

out_suspend:
	scst_suspend_exit();
out_sgv:
	scst_sgv_exit();
out_cache:
	scst_cmd_cache_exit();
out_wq:
	destroy_workqueue(scst_wq);
	return ret;
}

static void __exit scst_exit(void)
{
	scst_configfs_exit();
	scst_suspend_exit();
	scst_sgv_exit();
	scst_cmd_cache_exit();
	destroy_workqueue(scst_wq);
}

module_init(scst_init);
module_exit(scst_exit);

MODULE_AUTHOR("SCST developers");
MODULE_DESCRIPTION("SCSI target framework core");
MODULE_LICENSE("GPL");
