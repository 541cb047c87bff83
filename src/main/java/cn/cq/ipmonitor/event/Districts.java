package cn.cq.ipmonitor.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chongqing's 38 districts and counties (GB/T 2260), grouped as the city plans them. */
public final class Districts {

  /** The four planning groups of DOMAIN.md. */
  public enum Group {
    CENTRAL_CITY("中心城区", "Central city"),
    NEW_MAIN_CITY("主城新区", "New main-city districts"),
    NORTH_EAST("渝东北", "North-east"),
    SOUTH_EAST("渝东南", "South-east");

    public final String nameZh;
    public final String nameEn;

    Group(String nameZh, String nameEn) {
      this.nameZh = nameZh;
      this.nameEn = nameEn;
    }
  }

  /** One district or county. */
  public record District(String code, String nameZh, String nameEn, Group group) {
  }

  private static final Map<String, District> BY_CODE = new LinkedHashMap<>();

  static {
    central("500103", "渝中区", "Yuzhong");
    central("500104", "大渡口区", "Dadukou");
    central("500105", "江北区", "Jiangbei");
    central("500106", "沙坪坝区", "Shapingba");
    central("500107", "九龙坡区", "Jiulongpo");
    central("500108", "南岸区", "Nan'an");
    central("500109", "北碚区", "Beibei");
    central("500112", "渝北区", "Yubei");
    central("500113", "巴南区", "Banan");
    add("500102", "涪陵区", "Fuling", Group.NEW_MAIN_CITY);
    add("500110", "綦江区", "Qijiang", Group.NEW_MAIN_CITY);
    add("500111", "大足区", "Dazu", Group.NEW_MAIN_CITY);
    add("500115", "长寿区", "Changshou", Group.NEW_MAIN_CITY);
    add("500116", "江津区", "Jiangjin", Group.NEW_MAIN_CITY);
    add("500117", "合川区", "Hechuan", Group.NEW_MAIN_CITY);
    add("500118", "永川区", "Yongchuan", Group.NEW_MAIN_CITY);
    add("500119", "南川区", "Nanchuan", Group.NEW_MAIN_CITY);
    add("500120", "璧山区", "Bishan", Group.NEW_MAIN_CITY);
    add("500151", "铜梁区", "Tongliang", Group.NEW_MAIN_CITY);
    add("500152", "潼南区", "Tongnan", Group.NEW_MAIN_CITY);
    add("500153", "荣昌区", "Rongchang", Group.NEW_MAIN_CITY);
    add("500101", "万州区", "Wanzhou", Group.NORTH_EAST);
    add("500154", "开州区", "Kaizhou", Group.NORTH_EAST);
    add("500155", "梁平区", "Liangping", Group.NORTH_EAST);
    add("500229", "城口县", "Chengkou", Group.NORTH_EAST);
    add("500230", "丰都县", "Fengdu", Group.NORTH_EAST);
    add("500231", "垫江县", "Dianjiang", Group.NORTH_EAST);
    add("500233", "忠县", "Zhongxian", Group.NORTH_EAST);
    add("500235", "云阳县", "Yunyang", Group.NORTH_EAST);
    add("500236", "奉节县", "Fengjie", Group.NORTH_EAST);
    add("500237", "巫山县", "Wushan", Group.NORTH_EAST);
    add("500238", "巫溪县", "Wuxi", Group.NORTH_EAST);
    add("500114", "黔江区", "Qianjiang", Group.SOUTH_EAST);
    add("500156", "武隆区", "Wulong", Group.SOUTH_EAST);
    add("500240", "石柱土家族自治县", "Shizhu", Group.SOUTH_EAST);
    add("500241", "秀山土家族苗族自治县", "Xiushan", Group.SOUTH_EAST);
    add("500242", "酉阳土家族苗族自治县", "Youyang", Group.SOUTH_EAST);
    add("500243", "彭水苗族土家族自治县", "Pengshui", Group.SOUTH_EAST);
  }

  private Districts() {
  }

  private static void central(String code, String zh, String en) {
    add(code, zh, en, Group.CENTRAL_CITY);
  }

  private static void add(String code, String zh, String en, Group group) {
    BY_CODE.put(code, new District(code, zh, en, group));
  }

  public static boolean isValid(String code) {
    return code != null && BY_CODE.containsKey(code);
  }

  public static Optional<District> byCode(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /** All 38, in the order of DOMAIN.md. */
  public static List<District> all() {
    return List.copyOf(BY_CODE.values());
  }
}
