// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: the configfs management interface.
 *
 * /sys/kernel/config/scst/
 *	handlers/<handler>/<device>/	mkdir makes a device
 *	targets/<driver>/<target>/	mkdir makes a target (if the driver
 *					allows it) or the driver registers it
 *		luns/<lun>/		mkdir makes a LUN
 *		luns/<lun>/<link>	symlink to a device maps it
 *		sessions/<initiator>/	one per session
 *		ini_groups/<group>/	mkdir makes an initiator group
 *			initiators/<pattern>	mkdir adds a name pattern
 *			luns/<lun>/		the group's LUN map
 *
 * See Documentation/ABI/testing/configfs-scst. configfs calls in here with
 * its directory locks held; the core therefore never holds one of its own
 * locks while it registers or unregisters a configfs group.
 */
#include <linux/configfs.h>
#include <linux/ctype.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

struct scst_cfs_handler {
	const struct scst_dev_type *dt;
	struct config_group group;
	struct config_item_type dev_type;
	struct configfs_attribute **attrs;
	struct list_head node;
};

struct scst_cfs_tgtt {
	const struct scst_tgt_template *tgtt;
	struct config_group group;
	struct list_head node;
};

static LIST_HEAD(scst_cfs_handlers);
static LIST_HEAD(scst_cfs_tgtts);
/* Devices by name, under scst_mutex: names are unique across handlers. */
static LIST_HEAD(scst_devices);

static struct config_group scst_handlers_group;
static struct config_group scst_targets_group;

static const struct config_item_type scst_dir_type = {
	.ct_owner = THIS_MODULE,
};

/*
 * The name of an object made by mkdir: configfs lets through any byte but
 * '/'. Control characters are refused, as names appear in the kernel log
 * and in one-line attributes (a host's scst_session). A device's name is
 * also its default INQUIRY PRODUCT IDENTIFICATION, which holds printable
 * ASCII only (SPC-4 4.4.1): with @ascii, so must the name.
 */
static int scst_cfs_check_name(const char *name, bool ascii)
{
	for (; *name; name++) {
		u8 c = *name;

		if (c < 0x20 || c == 0x7f || (ascii && c > 0x7e))
			return -EINVAL;
	}
	return 0;
}

/* Devices */

static ssize_t scst_dev_enable_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", to_scst_dev(item)->enabled);
}

static ssize_t scst_dev_enable_store(struct config_item *item,
				     const char *page, size_t count)
{
	bool val;
	int ret;

	ret = scst_parse_bool(page, count, &val);
	if (ret)
		return ret;
	ret = scst_dev_enable(to_scst_dev(item), val);
	return ret ? ret : count;
}

/*
 * Lock a device for a change of its configuration, which is allowed only
 * while it is disabled; on success the caller unlocks dev->mutex.
 */
static int scst_dev_lock_disabled(struct scst_device *dev)
{
	mutex_lock(&dev->mutex);
	if (!dev->enabled)
		return 0;
	mutex_unlock(&dev->mutex);
	return -EBUSY;
}

/**
 * scst_dev_store_flag() - store a written "0" or "1" in a device flag
 * @dev: the device
 * @flag: the flag: a field of @dev or of its dev handler's data that
 *        takes effect when the device is enabled
 * @page: the value written to the configfs attribute
 * @count: its length
 *
 * The flag changes only while @dev is disabled, under dev->mutex.
 *
 * Return: @count, -EINVAL for a malformed value, or -EBUSY while @dev is
 * enabled.
 */
ssize_t scst_dev_store_flag(struct scst_device *dev, bool *flag,
			    const char *page, size_t count)
{
	bool val;
	int ret;

	ret = scst_parse_bool(page, count, &val);
	if (!ret)
		ret = scst_dev_lock_disabled(dev);
	if (ret)
		return ret;
	*flag = val;
	mutex_unlock(&dev->mutex);
	return count;
}
EXPORT_SYMBOL_GPL(scst_dev_store_flag);

static ssize_t scst_dev_read_only_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", to_scst_dev(item)->read_only);
}

static ssize_t scst_dev_read_only_store(struct config_item *item,
					const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);

	return scst_dev_store_flag(dev, &dev->read_only, page, count);
}

static ssize_t scst_dev_blocksize_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%u\n", to_scst_dev(item)->block_size);
}

static ssize_t scst_dev_blocksize_store(struct config_item *item,
					const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);
	u32 val;
	int ret;

	ret = scst_parse_block_size(page, count, &val);
	if (!ret)
		ret = scst_dev_lock_disabled(dev);
	if (ret)
		return ret;
	dev->block_size = val;
	mutex_unlock(&dev->mutex);
	return count;
}

static ssize_t scst_dev_threads_num_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%u\n", to_scst_dev(item)->threads_num);
}

static ssize_t scst_dev_threads_store(struct config_item *item, u64 num,
				      bool per_ini, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);
	int ret;

	ret = scst_dev_lock_disabled(dev);
	if (ret)
		return ret;
	ret = scst_dev_set_threads(dev, num, per_ini);
	mutex_unlock(&dev->mutex);
	return ret ? ret : count;
}

static ssize_t scst_dev_threads_num_store(struct config_item *item,
					  const char *page, size_t count)
{
	u64 num;
	int ret;

	ret = scst_parse_u64(page, count, &num);
	if (ret)
		return ret;
	if (num > SCST_MAX_DEV_THREADS)
		return -EINVAL;
	return scst_dev_threads_store(item, num,
				      to_scst_dev(item)->threads_per_ini,
				      count);
}

static const char *const scst_pool_types[] = { "shared", "per_initiator" };

static ssize_t scst_dev_threads_pool_type_show(struct config_item *item,
					       char *page)
{
	return sysfs_emit(page, "%s\n",
			  scst_pool_types[to_scst_dev(item)->threads_per_ini]);
}

static ssize_t scst_dev_threads_pool_type_store(struct config_item *item,
						const char *page,
						size_t count)
{
	int type = sysfs_match_string(scst_pool_types, page);

	if (type < 0 || (count && strnlen(page, count) != count))
		return -EINVAL;
	return scst_dev_threads_store(item, to_scst_dev(item)->threads_num,
				      type, count);
}

static ssize_t scst_dev_exported_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%u\n", to_scst_dev(item)->exported);
}

static ssize_t scst_dev_ident_store(struct scst_device *dev, char *field,
				    size_t size, const char *page,
				    size_t count)
{
	char buf[sizeof(dev->ident.serial)];
	int ret;

	if (size > sizeof(buf))
		return -EINVAL;
	ret = scst_parse_ident(page, count, buf, size);
	if (!ret)
		ret = scst_dev_lock_disabled(dev);
	if (ret)
		return ret;
	strscpy(field, buf, size);
	mutex_unlock(&dev->mutex);
	return count;
}

#define SCST_DEV_IDENT_ATTR(_name)					\
static ssize_t scst_dev_##_name##_show(struct config_item *item,	\
				       char *page)			\
{									\
	return sysfs_emit(page, "%s\n", to_scst_dev(item)->ident._name); \
}									\
static ssize_t scst_dev_##_name##_store(struct config_item *item,	\
					const char *page, size_t count)	\
{									\
	struct scst_device *dev = to_scst_dev(item);			\
									\
	return scst_dev_ident_store(dev, dev->ident._name,		\
				    sizeof(dev->ident._name), page,	\
				    count);				\
}									\
CONFIGFS_ATTR(scst_dev_, _name)

SCST_DEV_IDENT_ATTR(vendor);
SCST_DEV_IDENT_ATTR(product);
SCST_DEV_IDENT_ATTR(revision);
SCST_DEV_IDENT_ATTR(serial);
CONFIGFS_ATTR(scst_dev_, enable);
CONFIGFS_ATTR(scst_dev_, read_only);
CONFIGFS_ATTR(scst_dev_, blocksize);
CONFIGFS_ATTR_RO(scst_dev_, exported);
CONFIGFS_ATTR(scst_dev_, threads_num);
CONFIGFS_ATTR(scst_dev_, threads_pool_type);

static struct configfs_attribute *scst_dev_core_attrs[] = {
	&scst_dev_attr_enable,
	&scst_dev_attr_read_only,
	&scst_dev_attr_blocksize,
	&scst_dev_attr_exported,
	&scst_dev_attr_vendor,
	&scst_dev_attr_product,
	&scst_dev_attr_revision,
	&scst_dev_attr_serial,
	&scst_dev_attr_threads_num,
	&scst_dev_attr_threads_pool_type,
};

static void scst_dev_release(struct config_item *item)
{
	scst_free_device(to_scst_dev(item));
}

static struct configfs_item_operations scst_dev_item_ops = {
	.release = scst_dev_release,
};

static struct scst_device *scst_find_device(const char *name)
{
	struct scst_device *dev;

	lockdep_assert_held(&scst_mutex);
	list_for_each_entry(dev, &scst_devices, node)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

static struct config_group *scst_dev_make(struct config_group *group,
					  const char *name)
{
	struct scst_cfs_handler *h = container_of(group,
						  struct scst_cfs_handler,
						  group);
	struct scst_device *dev;
	int ret;

	ret = scst_cfs_check_name(name, true);
	if (ret)
		return ERR_PTR(ret);
	mutex_lock(&scst_mutex);
	if (scst_find_device(name)) {
		dev = ERR_PTR(-EEXIST);
		goto out;
	}
	dev = scst_alloc_device(h->dt, name);
	if (IS_ERR(dev))
		goto out;
	config_group_init_type_name(&dev->group, name, &h->dev_type);
	list_add_tail(&dev->node, &scst_devices);
out:
	mutex_unlock(&scst_mutex);
	return IS_ERR(dev) ? ERR_CAST(dev) : &dev->group;
}

static void scst_dev_drop(struct config_group *group, struct config_item *item)
{
	struct scst_device *dev = to_scst_dev(item);

	/* configfs refuses the rmdir while a LUN links to the device */
	mutex_lock(&scst_mutex);
	list_del_init(&dev->node);
	mutex_unlock(&scst_mutex);
	config_item_put(item);
}

static struct configfs_group_operations scst_handler_group_ops = {
	.make_group = scst_dev_make,
	.drop_item = scst_dev_drop,
};

static const struct config_item_type scst_handler_type = {
	.ct_group_ops = &scst_handler_group_ops,
	.ct_owner = THIS_MODULE,
};

/**
 * scst_configfs_add_dev_type() - make a handler's configfs directory
 * @dt: the handler
 *
 * Return: 0 or -errno.
 */
int scst_configfs_add_dev_type(const struct scst_dev_type *dt)
{
	unsigned int n = ARRAY_SIZE(scst_dev_core_attrs), extra = 0;
	struct scst_cfs_handler *h;
	int ret;

	while (dt->dev_attrs && dt->dev_attrs[extra])
		extra++;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->attrs = kcalloc(n + extra + 1, sizeof(*h->attrs), GFP_KERNEL);
	if (!h->attrs) {
		kfree(h);
		return -ENOMEM;
	}
	memcpy(h->attrs, scst_dev_core_attrs, sizeof(scst_dev_core_attrs));
	if (extra)
		memcpy(h->attrs + n, dt->dev_attrs, extra * sizeof(*h->attrs));
	h->dt = dt;
	h->dev_type.ct_item_ops = &scst_dev_item_ops;
	h->dev_type.ct_attrs = h->attrs;
	/* Devices pin their handler's module themselves. */
	h->dev_type.ct_owner = THIS_MODULE;
	config_group_init_type_name(&h->group, dt->name, &scst_handler_type);

	ret = configfs_register_group(&scst_handlers_group, &h->group);
	if (ret) {
		kfree(h->attrs);
		kfree(h);
		return ret;
	}
	mutex_lock(&scst_mutex);
	list_add_tail(&h->node, &scst_cfs_handlers);
	mutex_unlock(&scst_mutex);
	return 0;
}

/**
 * scst_configfs_del_dev_type() - remove a handler's configfs directory
 * @dt: the handler, without devices
 */
void scst_configfs_del_dev_type(const struct scst_dev_type *dt)
{
	struct scst_cfs_handler *h, *found = NULL;

	mutex_lock(&scst_mutex);
	list_for_each_entry(h, &scst_cfs_handlers, node) {
		if (h->dt == dt) {
			found = h;
			list_del(&h->node);
			break;
		}
	}
	mutex_unlock(&scst_mutex);
	if (!found)
		return;
	configfs_unregister_group(&found->group);
	kfree(found->attrs);
	kfree(found);
}

static bool scst_item_is_dev(struct config_item *item)
{
	return item->ci_type && item->ci_type->ct_item_ops == &scst_dev_item_ops;
}

/* LUNs */

static struct scst_lun *to_scst_lun(struct config_item *item)
{
	return container_of(to_config_group(item), struct scst_lun, group);
}

static ssize_t scst_lun_read_only_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", to_scst_lun(item)->read_only);
}

static ssize_t scst_lun_read_only_store(struct config_item *item,
					const char *page, size_t count)
{
	struct scst_lun *lun = to_scst_lun(item);
	bool val;
	int ret;

	ret = scst_parse_bool(page, count, &val);
	if (ret)
		return ret;
	mutex_lock(&lun->tgt->lun_mutex);
	if (lun->dev)
		ret = -EBUSY;
	else
		lun->read_only = val;
	mutex_unlock(&lun->tgt->lun_mutex);
	return ret ? ret : count;
}

CONFIGFS_ATTR(scst_lun_, read_only);

static struct configfs_attribute *scst_lun_attrs[] = {
	&scst_lun_attr_read_only,
	NULL,
};

static int scst_lun_allow_link(struct config_item *src,
			       struct config_item *target)
{
	if (!scst_item_is_dev(target))
		return -EINVAL;
	return scst_lun_map(to_scst_lun(src), to_scst_dev(target));
}

static void scst_lun_drop_link(struct config_item *src,
			       struct config_item *target)
{
	scst_lun_unmap(to_scst_lun(src));
}

static void scst_lun_release(struct config_item *item)
{
	kfree(to_scst_lun(item));
}

static struct configfs_item_operations scst_lun_item_ops = {
	.allow_link = scst_lun_allow_link,
	.drop_link = scst_lun_drop_link,
	.release = scst_lun_release,
};

static const struct config_item_type scst_lun_type = {
	.ct_item_ops = &scst_lun_item_ops,
	.ct_attrs = scst_lun_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *scst_lun_make(struct config_group *group,
					  const char *name)
{
	struct scst_acg *acg = container_of(group, struct scst_acg,
					    luns_group);
	struct scst_tgt *tgt = acg->tgt;
	struct scst_lun *lun;
	u64 nr;
	int ret;

	ret = scst_parse_lun(name, &nr);
	if (ret)
		return ERR_PTR(ret);
	lun = kzalloc(sizeof(*lun), GFP_KERNEL);
	if (!lun)
		return ERR_PTR(-ENOMEM);
	lun->tgt = tgt;
	lun->acg = acg;
	lun->lun = nr;
	config_group_init_type_name(&lun->group, name, &scst_lun_type);

	mutex_lock(&tgt->lun_mutex);
	ret = xa_insert(&acg->luns, nr, lun, GFP_KERNEL);
	mutex_unlock(&tgt->lun_mutex);
	if (ret) {
		kfree(lun);
		return ERR_PTR(ret == -EBUSY ? -EEXIST : ret);
	}
	return &lun->group;
}

static void scst_lun_drop(struct config_group *group, struct config_item *item)
{
	struct scst_lun *lun = to_scst_lun(item);

	/* configfs removed the device link, if any, before the directory */
	scst_lun_unmap(lun);
	mutex_lock(&lun->tgt->lun_mutex);
	xa_erase(&lun->acg->luns, lun->lun);
	mutex_unlock(&lun->tgt->lun_mutex);
	config_item_put(item);
}

static struct configfs_group_operations scst_luns_group_ops = {
	.make_group = scst_lun_make,
	.drop_item = scst_lun_drop,
};

static const struct config_item_type scst_luns_type = {
	.ct_group_ops = &scst_luns_group_ops,
	.ct_owner = THIS_MODULE,
};

/* Initiator groups */

static void scst_acn_release(struct config_item *item)
{
	kfree(container_of(item, struct scst_acn, item));
}

static struct configfs_item_operations scst_acn_item_ops = {
	.release = scst_acn_release,
};

static const struct config_item_type scst_acn_type = {
	.ct_item_ops = &scst_acn_item_ops,
	.ct_owner = THIS_MODULE,
};

static struct config_item *scst_acn_make(struct config_group *group,
					 const char *name)
{
	struct scst_acg *acg = container_of(group, struct scst_acg,
					    inis_group);
	size_t len = strlen(name);
	struct scst_acn *acn;

	if (!len || !strcmp(name, "!") || len > 223 ||
	    scst_cfs_check_name(name, false))
		return ERR_PTR(-EINVAL);
	acn = kzalloc(struct_size(acn, pattern, len + 1), GFP_KERNEL);
	if (!acn)
		return ERR_PTR(-ENOMEM);
	acn->acg = acg;
	memcpy(acn->pattern, name, len + 1);
	config_item_init_type_name(&acn->item, name, &scst_acn_type);

	mutex_lock(&acg->tgt->lun_mutex);
	list_add_tail(&acn->node, &acg->inis);
	scst_acl_changed(acg->tgt);
	mutex_unlock(&acg->tgt->lun_mutex);
	return &acn->item;
}

static void scst_acn_drop(struct config_group *group, struct config_item *item)
{
	struct scst_acn *acn = container_of(item, struct scst_acn, item);
	struct scst_tgt *tgt = acn->acg->tgt;

	mutex_lock(&tgt->lun_mutex);
	list_del(&acn->node);
	scst_acl_changed(tgt);
	mutex_unlock(&tgt->lun_mutex);
	config_item_put(item);
}

static struct configfs_group_operations scst_inis_group_ops = {
	.make_item = scst_acn_make,
	.drop_item = scst_acn_drop,
};

static const struct config_item_type scst_inis_type = {
	.ct_group_ops = &scst_inis_group_ops,
	.ct_owner = THIS_MODULE,
};

static void scst_acg_release(struct config_item *item)
{
	scst_acg_free(container_of(to_config_group(item), struct scst_acg,
				   group));
}

static struct configfs_item_operations scst_acg_item_ops = {
	.release = scst_acg_release,
};

static const struct config_item_type scst_acg_type = {
	.ct_item_ops = &scst_acg_item_ops,
	.ct_owner = THIS_MODULE,
};

static struct config_group *scst_acg_make(struct config_group *group,
					  const char *name)
{
	struct scst_tgt *tgt = container_of(group, struct scst_tgt,
					    ini_groups_group);
	struct scst_acg *acg;
	int ret;

	ret = scst_cfs_check_name(name, false);
	if (ret)
		return ERR_PTR(ret);
	acg = scst_acg_alloc(tgt);
	if (!acg)
		return ERR_PTR(-ENOMEM);
	config_group_init_type_name(&acg->group, name, &scst_acg_type);
	config_group_init_type_name(&acg->luns_group, "luns", &scst_luns_type);
	configfs_add_default_group(&acg->luns_group, &acg->group);
	config_group_init_type_name(&acg->inis_group, "initiators",
				    &scst_inis_type);
	configfs_add_default_group(&acg->inis_group, &acg->group);

	/* A group without patterns matches nobody: no session moves. */
	mutex_lock(&tgt->lun_mutex);
	list_add_tail(&acg->node, &tgt->acgs);
	mutex_unlock(&tgt->lun_mutex);
	return &acg->group;
}

static void scst_acg_drop(struct config_group *group, struct config_item *item)
{
	struct scst_acg *acg = container_of(to_config_group(item),
					    struct scst_acg, group);
	struct scst_tgt *tgt = acg->tgt;

	/* configfs removed its LUNs and patterns first */
	mutex_lock(&tgt->lun_mutex);
	list_del_init(&acg->node);
	scst_acl_changed(tgt);
	mutex_unlock(&tgt->lun_mutex);
	config_item_put(item);
}

static struct configfs_group_operations scst_ini_groups_group_ops = {
	.make_group = scst_acg_make,
	.drop_item = scst_acg_drop,
};

static const struct config_item_type scst_ini_groups_type = {
	.ct_group_ops = &scst_ini_groups_group_ops,
	.ct_owner = THIS_MODULE,
};

/* Sessions */

static struct scst_session *to_scst_sess(struct config_item *item)
{
	return container_of(to_config_group(item), struct scst_session, group);
}

static ssize_t scst_sess_initiator_name_show(struct config_item *item,
					     char *page)
{
	return sysfs_emit(page, "%s\n", to_scst_sess(item)->initiator_name);
}

static ssize_t scst_sess_active_commands_show(struct config_item *item,
					      char *page)
{
	struct scst_session *sess = to_scst_sess(item);
	struct scst_cmd *cmd;
	unsigned int n = 0;

	spin_lock_irq(&sess->lock);
	list_for_each_entry(cmd, &sess->cmds, sess_node)
		n++;
	spin_unlock_irq(&sess->lock);
	return sysfs_emit(page, "%u\n", n);
}

#define SCST_SESS_COUNTER_ATTR(_name)					\
static ssize_t scst_sess_##_name##_show(struct config_item *item,	\
					char *page)			\
{									\
	return sysfs_emit(page, "%lld\n",				\
			  atomic64_read(&to_scst_sess(item)->_name));	\
}									\
CONFIGFS_ATTR_RO(scst_sess_, _name)

/*
 * Writing 1 ends the session's I_T nexus: see scst_sess_force_close().
 * An invalid value is rejected before anything else is looked at.
 */
static ssize_t scst_sess_force_close_store(struct config_item *item,
					   const char *page, size_t count)
{
	int ret;

	ret = scst_parse_trigger(page, count);
	if (!ret)
		ret = scst_sess_force_close(to_scst_sess(item));
	return ret ? ret : count;
}

SCST_SESS_COUNTER_ATTR(nr_cmds);
SCST_SESS_COUNTER_ATTR(read_bytes);
SCST_SESS_COUNTER_ATTR(write_bytes);
CONFIGFS_ATTR_RO(scst_sess_, initiator_name);
CONFIGFS_ATTR_RO(scst_sess_, active_commands);
CONFIGFS_ATTR_WO(scst_sess_, force_close);

static struct configfs_attribute *scst_sess_attrs[] = {
	&scst_sess_attr_initiator_name,
	&scst_sess_attr_active_commands,
	&scst_sess_attr_nr_cmds,
	&scst_sess_attr_read_bytes,
	&scst_sess_attr_write_bytes,
	&scst_sess_attr_force_close,
	NULL,
};

static void scst_sess_item_release(struct config_item *item)
{
	struct scst_session *sess = to_scst_sess(item);

	kfree(sess->initiator_name);
	kfree(sess);
}

static struct configfs_item_operations scst_sess_item_ops = {
	.release = scst_sess_item_release,
};

static const struct config_item_type scst_sess_type = {
	.ct_item_ops = &scst_sess_item_ops,
	.ct_attrs = scst_sess_attrs,
	.ct_owner = THIS_MODULE,
};

/**
 * scst_configfs_init_session() - set up a session's configfs item
 * @sess: the session
 *
 * From here on, putting the item frees the session.
 */
void scst_configfs_init_session(struct scst_session *sess)
{
	config_group_init_type_name(&sess->group, sess->initiator_name,
				    &scst_sess_type);
}

/**
 * scst_configfs_add_session() - show a session in configfs
 * @sess: the session
 *
 * A session made by mkdir is shown by configfs itself.
 *
 * Return: 0 or -errno.
 */
int scst_configfs_add_session(struct scst_session *sess)
{
	struct scst_tgt *tgt = sess->tgt;

	if (tgt->mkdir_task == current && !tgt->mkdir_sess) {
		tgt->mkdir_sess = sess;
		sess->from_configfs = true;
		return 0;
	}
	return configfs_register_group(&tgt->sessions_group, &sess->group);
}

/**
 * scst_configfs_del_session() - remove a session from configfs
 * @sess: the session; freed unless configfs is removing it
 */
void scst_configfs_del_session(struct scst_session *sess)
{
	if (sess->from_configfs)
		return;	/* scst_sess_drop() puts the item */
	if (sess->group.cg_item.ci_dentry)
		configfs_unregister_group(&sess->group);
	config_item_put(&sess->group.cg_item);
}

static struct config_group *scst_sess_make(struct config_group *group,
					   const char *name)
{
	struct scst_tgt *tgt = container_of(group, struct scst_tgt,
					    sessions_group);
	struct scst_session *sess;
	int ret;

	if (!tgt->tgtt->add_session)
		return ERR_PTR(-EPERM);
	ret = scst_cfs_check_name(name, false);
	if (ret)
		return ERR_PTR(ret);

	mutex_lock(&tgt->lun_mutex);
	tgt->mkdir_task = current;
	tgt->mkdir_sess = NULL;
	mutex_unlock(&tgt->lun_mutex);

	ret = tgt->tgtt->add_session(tgt, name);

	mutex_lock(&tgt->lun_mutex);
	sess = tgt->mkdir_sess;
	tgt->mkdir_task = NULL;
	tgt->mkdir_sess = NULL;
	mutex_unlock(&tgt->lun_mutex);

	if (ret && sess) {
		/*
		 * The driver failed after registering and has unregistered
		 * the session; configfs never saw it, so free it here.
		 */
		config_item_put(&sess->group.cg_item);
	}
	if (ret)
		return ERR_PTR(ret);
	if (WARN_ON_ONCE(!sess))
		return ERR_PTR(-EIO);
	return &sess->group;
}

static void scst_sess_drop(struct config_group *group,
			   struct config_item *item)
{
	struct scst_session *sess = to_scst_sess(item);

	/* Only sessions made by mkdir can be removed with rmdir. */
	if (!WARN_ON_ONCE(!sess->tgt->tgtt->del_session))
		sess->tgt->tgtt->del_session(sess);
	config_item_put(item);
}

static struct configfs_group_operations scst_sessions_group_ops = {
	.make_group = scst_sess_make,
	.drop_item = scst_sess_drop,
};

static const struct config_item_type scst_sessions_type = {
	.ct_group_ops = &scst_sessions_group_ops,
	.ct_owner = THIS_MODULE,
};

/* Targets */

static struct scst_tgt *to_scst_tgt(struct config_item *item)
{
	return container_of(to_config_group(item), struct scst_tgt, group);
}

static ssize_t scst_tgt_enable_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", READ_ONCE(to_scst_tgt(item)->enabled));
}

static ssize_t scst_tgt_enable_store(struct config_item *item,
				     const char *page, size_t count)
{
	struct scst_tgt *tgt = to_scst_tgt(item);
	bool val;
	int ret;

	ret = scst_parse_bool(page, count, &val);
	if (ret)
		return ret;
	mutex_lock(&tgt->lun_mutex);
	if (val != tgt->enabled && tgt->tgtt->enable_target)
		ret = tgt->tgtt->enable_target(tgt, val);
	if (!ret)
		WRITE_ONCE(tgt->enabled, val);
	mutex_unlock(&tgt->lun_mutex);
	return ret ? ret : count;
}

static ssize_t scst_tgt_cpu_mask_show(struct config_item *item, char *page)
{
	struct scst_tgt *tgt = to_scst_tgt(item);
	ssize_t ret;

	mutex_lock(&tgt->lun_mutex);
	ret = sysfs_emit(page, "%*pbl\n", cpumask_pr_args(tgt->cpus));
	mutex_unlock(&tgt->lun_mutex);
	return ret;
}

static ssize_t scst_tgt_cpu_mask_store(struct config_item *item,
				       const char *page, size_t count)
{
	struct scst_tgt *tgt = to_scst_tgt(item);
	cpumask_var_t cpus;
	char buf[64];
	size_t i, len = count;
	int ret;

	if (len && page[len - 1] == '\n')
		len--;
	if (!len || len >= sizeof(buf))
		return -EINVAL;
	/*
	 * cpulist_parse() takes white space for a separator and stops at a
	 * NUL or newline: "1 0", "1\n0" or "1\0junk" would pass for a list.
	 */
	for (i = 0; i < len; i++)
		if (!isgraph(page[i]))
			return -EINVAL;
	memcpy(buf, page, len);
	buf[len] = '\0';
	if (!alloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	ret = cpulist_parse(buf, cpus);
	if (!ret) {
		mutex_lock(&tgt->lun_mutex);
		ret = scst_tgt_set_cpus(tgt, cpus);
		mutex_unlock(&tgt->lun_mutex);
	} else {
		ret = -EINVAL;
	}
	free_cpumask_var(cpus);
	return ret ? ret : count;
}

CONFIGFS_ATTR(scst_tgt_, enable);
CONFIGFS_ATTR(scst_tgt_, cpu_mask);

static struct configfs_attribute *scst_tgt_attrs[] = {
	&scst_tgt_attr_enable,
	&scst_tgt_attr_cpu_mask,
	NULL,
};

static void scst_tgt_item_release(struct config_item *item)
{
	scst_put_target(to_scst_tgt(item));
}

static struct configfs_item_operations scst_tgt_item_ops = {
	.release = scst_tgt_item_release,
};

static const struct config_item_type scst_tgt_type = {
	.ct_item_ops = &scst_tgt_item_ops,
	.ct_attrs = scst_tgt_attrs,
	.ct_owner = THIS_MODULE,
};

static void scst_tgt_init_groups(struct scst_tgt *tgt)
{
	struct scst_acg *acg = tgt->default_acg;

	config_group_init_type_name(&tgt->group, tgt->name, &scst_tgt_type);
	config_group_init_type_name(&acg->luns_group, "luns", &scst_luns_type);
	configfs_add_default_group(&acg->luns_group, &tgt->group);
	config_group_init_type_name(&tgt->sessions_group, "sessions",
				    &scst_sessions_type);
	configfs_add_default_group(&tgt->sessions_group, &tgt->group);
	config_group_init_type_name(&tgt->ini_groups_group, "ini_groups",
				    &scst_ini_groups_type);
	configfs_add_default_group(&tgt->ini_groups_group, &tgt->group);
}

static struct config_group *scst_tgt_make(struct config_group *group,
					  const char *name)
{
	struct scst_cfs_tgtt *t = container_of(group, struct scst_cfs_tgtt,
					       group);
	const struct scst_tgt_template *tgtt = t->tgtt;
	struct scst_tgt *tgt;
	int ret;

	if (!tgtt->add_target)
		return ERR_PTR(-EPERM);
	ret = scst_cfs_check_name(name, false);
	if (ret)
		return ERR_PTR(ret);
	/* A target made here pins its driver; a registered one does not. */
	if (!try_module_get(tgtt->owner))
		return ERR_PTR(-ENODEV);
	tgt = scst_alloc_target(tgtt, name);
	if (IS_ERR(tgt)) {
		module_put(tgtt->owner);
		return ERR_CAST(tgt);
	}
	ret = tgtt->add_target(tgt);
	if (ret) {
		scst_put_target(tgt);
		module_put(tgtt->owner);
		return ERR_PTR(ret);
	}
	scst_tgt_init_groups(tgt);
	return &tgt->group;
}

static void scst_tgt_drop(struct config_group *group, struct config_item *item)
{
	struct scst_tgt *tgt = to_scst_tgt(item);
	const struct scst_tgt_template *tgtt = tgt->tgtt;

	if (tgtt->del_target)
		tgtt->del_target(tgt);
	config_item_put(item);
	module_put(tgtt->owner);
}

static struct configfs_group_operations scst_tgtt_group_ops = {
	.make_group = scst_tgt_make,
	.drop_item = scst_tgt_drop,
};

static const struct config_item_type scst_tgtt_type = {
	.ct_group_ops = &scst_tgtt_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct scst_cfs_tgtt *scst_cfs_find_tgtt(const struct scst_tgt_template *tgtt)
{
	struct scst_cfs_tgtt *t;

	list_for_each_entry(t, &scst_cfs_tgtts, node)
		if (t->tgtt == tgtt)
			return t;
	return NULL;
}

/**
 * scst_configfs_add_target() - show a registered target in configfs
 * @tgt: the target
 *
 * Return: 0 or -errno.
 */
int scst_configfs_add_target(struct scst_tgt *tgt)
{
	struct scst_cfs_tgtt *t;

	mutex_lock(&scst_mutex);
	t = scst_cfs_find_tgtt(tgt->tgtt);
	mutex_unlock(&scst_mutex);
	if (!t)
		return -ENODEV;
	scst_tgt_init_groups(tgt);
	return configfs_register_group(&t->group, &tgt->group);
}

/**
 * scst_configfs_del_target() - remove a registered target from configfs
 * @tgt: the target; dropping its item's reference may free it
 */
void scst_configfs_del_target(struct scst_tgt *tgt)
{
	configfs_unregister_group(&tgt->group);
	config_item_put(&tgt->group.cg_item);
}

/**
 * scst_configfs_add_tgtt() - make a target driver's configfs directory
 * @tgtt: the driver
 *
 * Return: 0 or -errno.
 */
int scst_configfs_add_tgtt(const struct scst_tgt_template *tgtt)
{
	struct scst_cfs_tgtt *t;
	int ret;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->tgtt = tgtt;
	config_group_init_type_name(&t->group, tgtt->name, &scst_tgtt_type);
	ret = configfs_register_group(&scst_targets_group, &t->group);
	if (ret) {
		kfree(t);
		return ret;
	}
	mutex_lock(&scst_mutex);
	list_add_tail(&t->node, &scst_cfs_tgtts);
	mutex_unlock(&scst_mutex);
	return 0;
}

/**
 * scst_configfs_del_tgtt() - remove a target driver's configfs directory
 * @tgtt: the driver, without targets
 */
void scst_configfs_del_tgtt(const struct scst_tgt_template *tgtt)
{
	struct scst_cfs_tgtt *t;

	mutex_lock(&scst_mutex);
	t = scst_cfs_find_tgtt(tgtt);
	if (t)
		list_del(&t->node);
	mutex_unlock(&scst_mutex);
	if (!t)
		return;
	configfs_unregister_group(&t->group);
	kfree(t);
}

/* The subsystem: data buffer cache, suspending activity */

static ssize_t scst_root_sgv_limit_mb_show(struct config_item *item,
					   char *page)
{
	struct scst_sgv_stats st;

	scst_sgv_stats(&st);
	return sysfs_emit(page, "%lu\n", st.limit_pages >> (20 - PAGE_SHIFT));
}

static ssize_t scst_root_sgv_limit_mb_store(struct config_item *item,
					    const char *page, size_t count)
{
	u64 mb;
	int ret;

	ret = scst_parse_u64(page, count, &mb);
	if (ret)
		return ret;
	/* No more than the machine has */
	if (mb > (totalram_pages() >> (20 - PAGE_SHIFT)))
		return -EINVAL;
	scst_sgv_set_limit(mb << (20 - PAGE_SHIFT));
	return count;
}

#define SCST_SGV_STAT_ATTR(_field, _fmt)				\
static ssize_t scst_root_sgv_##_field##_show(struct config_item *item,	\
					     char *page)		\
{									\
	struct scst_sgv_stats st;					\
									\
	scst_sgv_stats(&st);						\
	return sysfs_emit(page, _fmt "\n", st._field);			\
}									\
CONFIGFS_ATTR_RO(scst_root_, sgv_##_field)

SCST_SGV_STAT_ATTR(cached_pages, "%lu");
SCST_SGV_STAT_ATTR(hits, "%llu");
SCST_SGV_STAT_ATTR(misses, "%llu");
SCST_SGV_STAT_ATTR(inflight_pages, "%lu");
SCST_SGV_STAT_ATTR(refused, "%llu");
CONFIGFS_ATTR(scst_root_, sgv_limit_mb);

static ssize_t scst_root_sgv_inflight_limit_mb_show(struct config_item *item,
						    char *page)
{
	struct scst_sgv_stats st;

	scst_sgv_stats(&st);
	return sysfs_emit(page, "%lu\n",
			  st.inflight_limit_pages >> (20 - PAGE_SHIFT));
}

/* At least one largest command's buffer, at most the machine's memory */
static ssize_t scst_root_sgv_inflight_limit_mb_store(struct config_item *item,
						     const char *page,
						     size_t count)
{
	u64 mb;
	int ret;

	ret = scst_parse_u64(page, count, &mb);
	if (ret)
		return ret;
	if (mb < SCST_MAX_XFER_LEN >> 20 ||
	    mb > (totalram_pages() >> (20 - PAGE_SHIFT)))
		return -EINVAL;
	scst_sgv_set_inflight_limit(mb << (20 - PAGE_SHIFT));
	return count;
}

CONFIGFS_ATTR(scst_root_, sgv_inflight_limit_mb);

/* How long writing 1 to "suspended" waits for active commands */
static unsigned int scst_suspend_timeout_ms = 30000;

static ssize_t scst_root_suspend_timeout_ms_show(struct config_item *item,
						 char *page)
{
	return sysfs_emit(page, "%u\n", READ_ONCE(scst_suspend_timeout_ms));
}

static ssize_t scst_root_suspend_timeout_ms_store(struct config_item *item,
						  const char *page,
						  size_t count)
{
	u64 ms;
	int ret;

	ret = scst_parse_u64(page, count, &ms);
	if (ret)
		return ret;
	if (!ms || ms > 600000)
		return -EINVAL;
	WRITE_ONCE(scst_suspend_timeout_ms, ms);
	return count;
}

static ssize_t scst_root_suspended_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", scst_activity_suspended());
}

static ssize_t scst_root_suspended_store(struct config_item *item,
					 const char *page, size_t count)
{
	bool val;
	int ret;

	ret = scst_parse_bool(page, count, &val);
	if (ret)
		return ret;
	if (!val) {
		scst_resume_activity();
		return count;
	}
	ret = scst_suspend_activity(READ_ONCE(scst_suspend_timeout_ms));
	return ret ? ret : count;
}

static ssize_t scst_root_wait_timeout_ms_show(struct config_item *item,
					      char *page)
{
	return sysfs_emit(page, "%u\n", READ_ONCE(scst_wait_timeout_ms));
}

/* 100 ms to one hour: see scst_wait.c */
static ssize_t scst_root_wait_timeout_ms_store(struct config_item *item,
					       const char *page, size_t count)
{
	u64 ms;
	int ret;

	ret = scst_parse_u64(page, count, &ms);
	if (ret)
		return ret;
	if (ms < 100 || ms > 3600000)
		return -EINVAL;
	WRITE_ONCE(scst_wait_timeout_ms, ms);
	return count;
}

CONFIGFS_ATTR(scst_root_, suspend_timeout_ms);
CONFIGFS_ATTR(scst_root_, wait_timeout_ms);
CONFIGFS_ATTR(scst_root_, suspended);

static struct configfs_attribute *scst_root_attrs[] = {
	&scst_root_attr_suspended,
	&scst_root_attr_suspend_timeout_ms,
	&scst_root_attr_wait_timeout_ms,
	&scst_root_attr_sgv_limit_mb,
	&scst_root_attr_sgv_cached_pages,
	&scst_root_attr_sgv_hits,
	&scst_root_attr_sgv_misses,
	&scst_root_attr_sgv_inflight_limit_mb,
	&scst_root_attr_sgv_inflight_pages,
	&scst_root_attr_sgv_refused,
	NULL,
};

static const struct config_item_type scst_root_type = {
	.ct_attrs = scst_root_attrs,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem scst_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "scst",
			.ci_type = &scst_root_type,
		},
	},
};

/**
 * scst_configfs_init() - register the scst configfs subsystem
 *
 * Return: 0 or -errno.
 */
int scst_configfs_init(void)
{
	config_group_init(&scst_subsys.su_group);
	mutex_init(&scst_subsys.su_mutex);
	config_group_init_type_name(&scst_handlers_group, "handlers",
				    &scst_dir_type);
	configfs_add_default_group(&scst_handlers_group, &scst_subsys.su_group);
	config_group_init_type_name(&scst_targets_group, "targets",
				    &scst_dir_type);
	configfs_add_default_group(&scst_targets_group, &scst_subsys.su_group);
	return configfs_register_subsystem(&scst_subsys);
}

/**
 * scst_configfs_exit() - unregister the scst configfs subsystem
 */
void scst_configfs_exit(void)
{
	configfs_unregister_subsystem(&scst_subsys);
}
