//! Demo data: a small machine-tool and medical-device maker's after-sales desk, so the first screen of
//! a fresh install is alive. Only ever written to an empty database; tests never rely on it.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::{Db, DbError, tickets};
use crate::domain::{IntakeInput, TicketStatus};

struct Customer {
    company: &'static str,
    contact: &'static str,
    phone: &'static str,
    region: &'static str,
    address: &'static str,
}

const CUSTOMERS: &[Customer] = &[
    Customer {
        company: "苏州精工机械有限公司",
        contact: "王建国",
        phone: "138 1234 5678",
        region: "华东·苏州",
        address: "苏州工业园区星湖街 328 号 B 栋",
    },
    Customer {
        company: "宁波海天精密模具厂",
        contact: "陈丽华",
        phone: "0574-8765 4321",
        region: "华东·宁波",
        address: "宁波市北仑区大港工业城 5 号",
    },
    Customer {
        company: "东莞长盈电子科技有限公司",
        contact: "刘志强",
        phone: "139 2288 6600",
        region: "华南·东莞",
        address: "东莞市长安镇振安中路 168 号",
    },
    Customer {
        company: "北京协和仁济医院设备科",
        contact: "赵敏",
        phone: "010-6915 1234",
        region: "华北·北京",
        address: "北京市东城区帅府园 1 号 设备科",
    },
    Customer {
        company: "成都天府智能装备有限公司",
        contact: "李娜",
        phone: "186 0808 1234",
        region: "西南·成都",
        address: "成都市高新区天府大道中段 1268 号",
    },
    Customer {
        company: "武汉光谷激光技术有限公司",
        contact: "张伟",
        phone: "027-8766 5432",
        region: "华中·武汉",
        address: "武汉市东湖高新区光谷大道 77 号",
    },
    Customer {
        company: "青岛海洋食品机械厂",
        contact: "孙海涛",
        phone: "153 0532 7788",
        region: "华北·青岛",
        address: "青岛市城阳区锦宏东路 9 号",
    },
    Customer {
        company: "上海瑞金康复医疗中心",
        contact: "周静",
        phone: "021-6437 0045",
        region: "华东·上海",
        address: "上海市黄浦区瑞金二路 197 号",
    },
];

struct Case {
    customer: usize,
    model: &'static str,
    serial: &'static str,
    purchased: &'static str,
    fault: &'static str,
    channel: &'static str,
    service_type: &'static str,
    urgency: &'static str,
    preferred: &'static str,
    /// Days before now the ticket came in.
    age_days: i64,
    /// Where it stands now; the path to it is recorded as events.
    reached: TicketStatus,
}

const CASES: &[Case] = &[
    Case {
        customer: 0,
        model: "VMC-850 立式加工中心",
        serial: "VMC850-2024-0117",
        purchased: "2024-09-12",
        fault: "主轴启动后有异响，转速超过 6000 rpm 时报警 ALM-401，已重启两次无效。",
        channel: "phone",
        service_type: "field_repair",
        urgency: "high",
        preferred: "工作日上午",
        age_days: 0,
        reached: TicketStatus::New,
    },
    Case {
        customer: 1,
        model: "HT-350 注塑机",
        serial: "HT350-2023-0882",
        purchased: "2023-05-20",
        fault: "液压油温过高（68℃），冷却风扇正常，怀疑冷却器堵塞。",
        channel: "wechat",
        service_type: "field_repair",
        urgency: "normal",
        preferred: "下周一下午",
        age_days: 1,
        reached: TicketStatus::Accepted,
    },
    Case {
        customer: 2,
        model: "SMT-X5 贴片机",
        serial: "SMTX5-2025-0031",
        purchased: "2025-08-02",
        fault: "吸嘴 3 号位取料失败率高于 5%，已更换吸嘴无改善。",
        channel: "email",
        service_type: "field_repair",
        urgency: "urgent",
        preferred: "尽快，产线停线中",
        age_days: 1,
        reached: TicketStatus::Dispatched,
    },
    Case {
        customer: 3,
        model: "DX-3000 多参数监护仪",
        serial: "DX3000-2025-1203",
        purchased: "2025-02-14",
        fault: "血氧探头读数间歇性丢失，屏幕提示 “SpO2 探头脱落”。",
        channel: "phone",
        service_type: "depot_repair",
        urgency: "high",
        preferred: "",
        age_days: 2,
        reached: TicketStatus::InProgress,
    },
    Case {
        customer: 4,
        model: "LC-2000 激光切割机",
        serial: "LC2000-2022-0456",
        purchased: "2022-11-30",
        fault: "新购设备需要安装调试，并培训 4 名操作工。",
        channel: "relayed",
        service_type: "installation",
        urgency: "normal",
        preferred: "12 月第一周",
        age_days: 3,
        reached: TicketStatus::Scheduled,
    },
    Case {
        customer: 5,
        model: "FL-1500 光纤激光器",
        serial: "FL1500-2024-0777",
        purchased: "2024-03-08",
        fault: "输出功率衰减约 15%，咨询是否需要更换泵浦源。",
        channel: "phone",
        service_type: "consultation",
        urgency: "normal",
        preferred: "",
        age_days: 4,
        reached: TicketStatus::Resolved,
    },
    Case {
        customer: 6,
        model: "QF-600 速冻隧道机",
        serial: "QF600-2021-0098",
        purchased: "2021-06-18",
        fault: "年度保养：更换传送带轴承，检查制冷管路。",
        channel: "phone",
        service_type: "maintenance",
        urgency: "low",
        preferred: "周末均可",
        age_days: 6,
        reached: TicketStatus::WaitingParts,
    },
    Case {
        customer: 7,
        model: "RT-200 康复训练床",
        serial: "RT200-2025-0412",
        purchased: "2025-07-01",
        fault: "上次维修后工程师迟到两小时且未告知，要求说明。",
        channel: "letter",
        service_type: "service_complaint",
        urgency: "high",
        preferred: "",
        age_days: 7,
        reached: TicketStatus::FollowedUp,
    },
    Case {
        customer: 0,
        model: "VMC-850 立式加工中心",
        serial: "VMC850-2024-0098",
        purchased: "2024-06-03",
        fault: "刀库换刀卡顿，第 12 号刀位定位不准。",
        channel: "web_form",
        service_type: "field_repair",
        urgency: "normal",
        preferred: "周三全天",
        age_days: 9,
        reached: TicketStatus::Closed,
    },
    Case {
        customer: 2,
        model: "SMT-X5 贴片机",
        serial: "SMTX5-2025-0044",
        purchased: "2025-09-15",
        fault: "同批次 20 台贴片机视觉模块频繁死机，怀疑批次质量问题。",
        channel: "email",
        service_type: "quality_complaint",
        urgency: "urgent",
        preferred: "",
        age_days: 10,
        reached: TicketStatus::Accepted,
    },
    Case {
        customer: 3,
        model: "DX-3000 多参数监护仪",
        serial: "DX3000-2025-1188",
        purchased: "2025-10-02",
        fault: "客户要求退换：到货时外壳有裂纹。",
        channel: "walk_in",
        service_type: "return_exchange",
        urgency: "normal",
        preferred: "",
        age_days: 12,
        reached: TicketStatus::WaitingCustomer,
    },
    Case {
        customer: 1,
        model: "HT-350 注塑机",
        serial: "HT350-2023-0871",
        purchased: "2023-04-11",
        fault: "客户取消：故障已由自己排除（电源插头松动）。",
        channel: "phone",
        service_type: "field_repair",
        urgency: "normal",
        preferred: "",
        age_days: 15,
        reached: TicketStatus::Cancelled,
    },
    Case {
        customer: 4,
        model: "LC-2000 激光切割机",
        serial: "LC2000-2023-0512",
        purchased: "2023-01-09",
        fault: "切割头碰撞后 Z 轴报警，需现场检查。",
        channel: "phone",
        service_type: "field_repair",
        urgency: "high",
        preferred: "越快越好",
        age_days: 18,
        reached: TicketStatus::Reviewed,
    },
    Case {
        customer: 5,
        model: "FL-1500 光纤激光器",
        serial: "FL1500-2024-0801",
        purchased: "2024-05-27",
        fault: "冷水机报警 E03，水流量不足。",
        channel: "wechat",
        service_type: "field_repair",
        urgency: "normal",
        preferred: "下午",
        age_days: 21,
        reached: TicketStatus::Inspected,
    },
    Case {
        customer: 7,
        model: "RT-200 康复训练床",
        serial: "RT200-2025-0399",
        purchased: "2025-06-20",
        fault: "升降电机异响，床面升降不平稳。",
        channel: "phone",
        service_type: "depot_repair",
        urgency: "normal",
        preferred: "",
        age_days: 25,
        reached: TicketStatus::Closed,
    },
    Case {
        customer: 6,
        model: "QF-600 速冻隧道机",
        serial: "QF600-2021-0101",
        purchased: "2021-07-02",
        fault: "控制柜触摸屏无显示，PLC 运行灯正常。",
        channel: "phone",
        service_type: "field_repair",
        urgency: "urgent",
        preferred: "",
        age_days: 0,
        reached: TicketStatus::EnRoute,
    },
];

/// The usual path of a ticket through the life cycle, for replaying demo histories.
const PATH: &[TicketStatus] = &[
    TicketStatus::Accepted,
    TicketStatus::Dispatched,
    TicketStatus::Scheduled,
    TicketStatus::EnRoute,
    TicketStatus::InProgress,
    TicketStatus::Resolved,
    TicketStatus::Inspected,
    TicketStatus::FollowedUp,
    TicketStatus::Reviewed,
    TicketStatus::Closed,
];

/// Adds the demo company's tickets when the database holds none; returns how many it added.
pub async fn seed_if_empty(db: &Db, tz: Tz, now: DateTime<Utc>) -> Result<usize, DbError> {
    if !tickets::is_empty(db).await? {
        return Ok(0);
    }
    let today = now.with_timezone(&tz).date_naive();
    let created_at =
        |i: usize| now - Duration::days(CASES[i].age_days) - Duration::minutes(37 * i as i64 + 5);
    // Oldest first, so each day's numbers rise with the time of registration, as they would live.
    let mut order: Vec<usize> = (0..CASES.len()).collect();
    order.sort_by_key(|i| created_at(*i));
    seed_parts(db).await?;
    let mut added = 0;
    for i in order {
        let case = &CASES[i];
        let customer = &CUSTOMERS[case.customer];
        let input = IntakeInput {
            company: customer.company.into(),
            contact_name: customer.contact.into(),
            phone: customer.phone.into(),
            region: customer.region.into(),
            address: customer.address.into(),
            product_model: case.model.into(),
            serial_number: case.serial.into(),
            purchase_date: case.purchased.into(),
            fault_description: case.fault.into(),
            fault_category: String::new(),
            channel: case.channel.into(),
            service_type: case.service_type.into(),
            urgency: case.urgency.into(),
            preferred_time: case.preferred.into(),
        };
        let Ok(new) = input.validate(today) else {
            tracing::warn!(case = i, "demo case does not pass intake rules; skipped");
            continue;
        };
        let created = created_at(i);
        register_unit(db, &input, today, created).await?;
        let number = tickets::create(db, &new, created, tz, "客服 李晓").await?;
        let steps: Vec<TicketStatus> = match case.reached {
            TicketStatus::New => vec![],
            TicketStatus::Cancelled => vec![TicketStatus::Accepted, TicketStatus::Cancelled],
            TicketStatus::WaitingParts => PATH[..5].iter().copied().chain([case.reached]).collect(),
            TicketStatus::WaitingCustomer => PATH[..1].iter().copied().chain([case.reached]).collect(),
            reached => {
                let end = PATH.iter().position(|s| *s == reached).unwrap_or(0);
                PATH[..=end].to_vec()
            }
        };
        if steps.contains(&TicketStatus::Dispatched)
            && crate::domain::intake::needs_site_address(new.service_type)
        {
            // The demo technician's jobs: field work dispatched to them.
            tickets::set_assignee(db, &number, Some("technician")).await?;
        }
        for (k, step) in steps.iter().enumerate() {
            let at = created + Duration::minutes(45 * (k as i64 + 1));
            let at = at.min(now);
            let note = (*step == TicketStatus::Cancelled).then_some("客户来电告知已自行排除故障");
            tickets::record_status_change(db, &number, *step, at, "主管 陈刚", note).await?;
        }
        added += 1;
    }
    Ok(added)
}

/// Registers the unit of a demo ticket (12 months of warranty from its purchase) unless it is known.
async fn register_unit(
    db: &Db,
    ticket: &IntakeInput,
    today: chrono::NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let unit = crate::domain::asset::AssetInput {
        serial_number: ticket.serial_number.clone(),
        product_model: ticket.product_model.clone(),
        company: ticket.company.clone(),
        contact_name: ticket.contact_name.clone(),
        phone: ticket.phone.clone(),
        region: ticket.region.clone(),
        location: ticket.address.clone(),
        ship_date: ticket.purchase_date.clone(),
        warranty_months: "12".into(),
        seal_intact: true,
        ..Default::default()
    };
    if let Ok(facts) = unit.check(today) {
        // Already registered (two tickets of one unit) is fine: the first registration stands.
        super::assets::save(db, &facts, None, at).await?;
    }
    Ok(())
}

/// A demo catalogue part: code, name, unit price in fen, and `(warehouse, quantity)` held.
type DemoPart = (&'static str, &'static str, i64, &'static [(&'static str, u32)]);

/// Two warehouses' small catalogue with stock.
const DEMO_PARTS: &[DemoPart] = &[
    ("BRG-7014", "主轴轴承 7014", 128_000, &[("HQ", 6), ("SZ", 2)]),
    ("SEAL-88", "主轴油封 88", 3_500, &[("HQ", 40)]),
    ("FAN-220", "电柜冷却风扇 220V", 26_000, &[("HQ", 3), ("SZ", 5)]),
    ("BELT-X5", "X 轴同步带", 18_000, &[("HQ", 1)]),
    ("LAMP-GX", "光谱仪光源灯", 90_000, &[("SZ", 1)]),
];

async fn seed_parts(db: &Db) -> Result<(), DbError> {
    super::parts::ensure_warehouse(db, "HQ", "苏州总部仓").await?;
    super::parts::ensure_warehouse(db, "SZ", "深圳华南仓").await?;
    for (code, name, price, stock) in DEMO_PARTS {
        for (warehouse, quantity) in *stock {
            super::parts::receive(db, warehouse, code, Some((name, *price)), *quantity).await?;
        }
    }
    Ok(())
}
