package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.AgencyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plausible, unique Chinese agency names: 重庆 + a two-part trade name + a legal-form suffix. */
final class AgencyNames {

  private static final String CITY = "重庆";
  private static final String[] FIRST = {
      "智汇", "信达", "博创", "恒睿", "巴渝", "山城", "嘉陵", "渝信", "正合", "知行",
      "启航", "创智", "华科", "蓝海", "弘成", "立信", "乐知", "明远", "卓越", "天策",
      "聚信", "润泽", "同创", "锦程", "志远", "鼎诚", "千里", "长江", "两江", "缙云",
      "北斗", "天健", "中渝", "瑞升", "博识", "汇才", "和信", "开元", "宏图", "睿聪"};
  private static final String[] SECOND = {
      "", "众成", "永信", "宏远", "华夏", "金桥", "德润", "星辰", "佳禾", "知远",
      "智源", "行远", "恒通", "诚达", "方正", "瑞丰", "九州", "鸿业", "盛世", "安信"};
  private static final String[] PATENT_SUFFIX = {
      "专利代理事务所（普通合伙）", "专利代理事务所（特殊普通合伙）", "专利代理有限公司", "知识产权代理有限公司"};
  private static final String[] TRADEMARK_SUFFIX = {
      "商标代理有限公司", "知识产权服务有限公司", "商标事务所有限公司", "企业管理咨询有限公司"};
  private static final String BOTH_SUFFIX = "知识产权代理有限公司";

  private final List<String> tradeNames;
  private int next;

  /** Shuffles every trade-name combination once, so names never repeat within one population. */
  AgencyNames(SplittableRandom rng) {
    tradeNames = new ArrayList<>(FIRST.length * SECOND.length);
    for (String first : FIRST) {
      for (String second : SECOND) {
        tradeNames.add(first + second);
      }
    }
    for (int i = tradeNames.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String tmp = tradeNames.get(i);
      tradeNames.set(i, tradeNames.get(j));
      tradeNames.set(j, tmp);
    }
  }

  String next(AgencyKind kind, SplittableRandom rng) {
    // Past the pool (only with thousands of agencies) a number keeps names unique.
    String trade = tradeNames.get(next % tradeNames.size());
    int round = next / tradeNames.size();
    next++;
    String suffix = switch (kind) {
      case PATENT -> PATENT_SUFFIX[rng.nextInt(PATENT_SUFFIX.length)];
      case TRADEMARK -> TRADEMARK_SUFFIX[rng.nextInt(TRADEMARK_SUFFIX.length)];
      case BOTH -> BOTH_SUFFIX;
    };
    return CITY + trade + (round == 0 ? "" : Integer.toString(round + 1)) + suffix;
  }
}
