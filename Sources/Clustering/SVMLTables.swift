/// The constant tables of Intel SVML's `__svml_exp8_ha`, `__svml_log8_ha` and `__svml_log1p8_ha`
/// (numpy's `numpy/_core/src/umath/svml/linux/avx512/svml_z0_{exp,log,log1p}_d_ha.s`), as bit
/// patterns. `log` and `log1p` share the same 16-entry tables.
enum SVMLTables {
    static let expTh: [UInt64] = [
        0x3ff0000000000000, 0x3ff0b5586cf9890f, 0x3ff172b83c7d517b, 0x3ff2387a6e756238,
        0x3ff306fe0a31b715, 0x3ff3dea64c123422, 0x3ff4bfdad5362a27, 0x3ff5ab07dd485429,
        0x3ff6a09e667f3bcd, 0x3ff7a11473eb0187, 0x3ff8ace5422aa0db, 0x3ff9c49182a3f090,
        0x3ffae89f995ad3ad, 0x3ffc199bdd85529c, 0x3ffd5818dcfba487, 0x3ffea4afa2a490da,
    ]
    static let expTlr: [UInt64] = [
        0x0000000000000000, 0x3c979aa65d837b6d, 0xbc801b15eaa59348, 0x3c968efde3a8a894,
        0x3c834d754db0abb6, 0x3c859f48a72a4c6d, 0x3c7690cebb7aafb0, 0x3c9063e1e21c5409,
        0xbc93b3efbf5e2228, 0xbc7b32dcb94da51d, 0x3c8db72fc1f0eab4, 0x3c71affc2b91ce27,
        0x3c8c1a7792cb3387, 0x3c736eae30af0cb3, 0x3c74a385a63d07a7, 0xbc8ff7128fd391f0,
    ]
    static let logTh: [UInt64] = [
        0x0000000000000000, 0xbfaf0a30c0120000, 0xbfbe27076e2b0000, 0xbfc5ff3070a78000,
        0xbfcc8ff7c79a8000, 0xbfd1675cababc000, 0xbfd4618bc21c4000, 0xbfd739d7f6bbc000,
        0x3fd269621134c000, 0x3fcf991c6cb38000, 0x3fca93ed3c8b0000, 0x3fc5bf406b540000,
        0x3fc1178e82280000, 0x3fb9335e5d590000, 0x3fb08598b59e0000, 0x3fa0415d89e80000,
    ]
    static let logTl: [UInt64] = [
        0x0000000000000000, 0x3d53ab33d066d1d2, 0x3d2a342c2af0003c, 0xbd43d3c873e20a07,
        0xbd4a21ac25d81ef3, 0x3d59f1fc63382a8f, 0xbd5ec27d0b7b37b3, 0xbd50069ce24c53fb,
        0x3d5b92783beb7677, 0x3d59bcbecca0cdf3, 0xbd530e486a0ac42d, 0x3d5ed8fdc149767e,
        0xbd4b8421cc74be04, 0x3d52622b8757a8fb, 0x3d4d034451fecdfb, 0xbd577771fd187145,
    ]
    static let expRare: [UInt64] = [
        0x3ff0000000000000, 0x0000000000000000, 0x3ff02c9a3e778061, 0xbc7160139cd8dc5d,
        0x3ff059b0d3158574, 0x3c8cd2523567f613, 0x3ff0874518759bc8, 0x3c60f74e61e6c861,
        0x3ff0b5586cf9890f, 0x3c979aa65d837b6d, 0x3ff0e3ec32d3d1a2, 0x3c3ebe3d702f9cd1,
        0x3ff11301d0125b51, 0xbc9556522a2fbd0e, 0x3ff1429aaea92de0, 0xbc91c923b9d5f416,
        0x3ff172b83c7d517b, 0xbc801b15eaa59348, 0x3ff1a35beb6fcb75, 0x3c8b898c3f1353bf,
        0x3ff1d4873168b9aa, 0x3c9aecf73e3a2f60, 0x3ff2063b88628cd6, 0x3c8a6f4144a6c38d,
        0x3ff2387a6e756238, 0x3c968efde3a8a894, 0x3ff26b4565e27cdd, 0x3c80472b981fe7f2,
        0x3ff29e9df51fdee1, 0x3c82f7e16d09ab31, 0x3ff2d285a6e4030b, 0x3c8b3782720c0ab4,
        0x3ff306fe0a31b715, 0x3c834d754db0abb6, 0x3ff33c08b26416ff, 0x3c8fdd395dd3f84a,
        0x3ff371a7373aa9cb, 0xbc924aedcc4b5068, 0x3ff3a7db34e59ff7, 0xbc71d1e83e9436d2,
        0x3ff3dea64c123422, 0x3c859f48a72a4c6d, 0x3ff4160a21f72e2a, 0xbc58a78f4817895b,
        0x3ff44e086061892d, 0x3c4363ed60c2ac11, 0x3ff486a2b5c13cd0, 0x3c6ecce1daa10379,
        0x3ff4bfdad5362a27, 0x3c7690cebb7aafb0, 0x3ff4f9b2769d2ca7, 0xbc8f94340071a38e,
        0x3ff5342b569d4f82, 0xbc78dec6bd0f385f, 0x3ff56f4736b527da, 0x3c93350518fdd78e,
        0x3ff5ab07dd485429, 0x3c9063e1e21c5409, 0x3ff5e76f15ad2148, 0x3c9432e62b64c035,
        0x3ff6247eb03a5585, 0xbc8c33c53bef4da8, 0x3ff6623882552225, 0xbc93cedd78565858,
        0x3ff6a09e667f3bcd, 0xbc93b3efbf5e2228, 0x3ff6dfb23c651a2f, 0xbc6367efb86da9ee,
        0x3ff71f75e8ec5f74, 0xbc781f647e5a3ecf, 0x3ff75feb564267c9, 0xbc8619321e55e68a,
        0x3ff7a11473eb0187, 0xbc7b32dcb94da51d, 0x3ff7e2f336cf4e62, 0x3c65ebe1abd66c55,
        0x3ff82589994cce13, 0xbc9369b6f13b3734, 0x3ff868d99b4492ed, 0xbc94d450d872576e,
        0x3ff8ace5422aa0db, 0x3c8db72fc1f0eab4, 0x3ff8f1ae99157736, 0x3c7bf68359f35f44,
        0x3ff93737b0cdc5e5, 0xbc5da9b88b6c1e29, 0x3ff97d829fde4e50, 0xbc92434322f4f9aa,
        0x3ff9c49182a3f090, 0x3c71affc2b91ce27, 0x3ffa0c667b5de565, 0xbc87c50422622263,
        0x3ffa5503b23e255d, 0xbc91bbd1d3bcbb15, 0x3ffa9e6b5579fdbf, 0x3c8469846e735ab3,
        0x3ffae89f995ad3ad, 0x3c8c1a7792cb3387, 0x3ffb33a2b84f15fb, 0xbc55c3d956dcaeba,
        0x3ffb7f76f2fb5e47, 0xbc68d6f438ad9334, 0x3ffbcc1e904bc1d2, 0x3c74ffd70a5fddcd,
        0x3ffc199bdd85529c, 0x3c736eae30af0cb3, 0x3ffc67f12e57d14b, 0x3c84e08fd10959ac,
        0x3ffcb720dcef9069, 0x3c676b2c6c921968, 0x3ffd072d4a07897c, 0xbc8fad5d3ffffa6f,
        0x3ffd5818dcfba487, 0x3c74a385a63d07a7, 0x3ffda9e603db3285, 0x3c8e5a50d5c192ac,
        0x3ffdfc97337b9b5f, 0xbc82d52107b43e1f, 0x3ffe502ee78b3ff6, 0x3c74b604603a88d3,
        0x3ffea4afa2a490da, 0xbc8ff7128fd391f0, 0x3ffefa1bee615a27, 0x3c8ec3bc41aa2008,
        0x3fff50765b6e4540, 0x3c8a64a931d185ee, 0x3fffa7c1819e90d8, 0x3c77893b4d91cd9d,
    ]
    /// Largest mantissa (bit pattern, in [1, 2)) whose rounded `vrcp14pd` estimate is still (j + 1)/32, for j = 16…31.
    static let reciprocalThresholds: [UInt64] = [
        0x3fff07ffffffffff, 0x3ffd41bfffffffff, 0x3ffbacffffffffff, 0x3ffa419fffffffff,
        0x3ff8f9bfffffffff, 0x3ff7d06fffffffff, 0x3ff6c14fffffffff, 0x3ff5c98fffffffff,
        0x3ff4e5efffffffff, 0x3ff4142fffffffff, 0x3ff3522fffffffff, 0x3ff29e5fffffffff,
        0x3ff1f6ffffffffff, 0x3ff15b3fffffffff, 0x3ff0c96fffffffff, 0x3ff040efffffffff,
    ]
}
